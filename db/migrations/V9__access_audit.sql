-- Issue 14: who read, exported or erased collected details, and when (docs/decisions/0090-access-audit.md).
-- One audit for the API key's routes and the managers' console. A row never holds personal data: the actor is
-- 'api-key' or a masked manager number, the subjects are ids, the detail holds team names, seasons and counts.
CREATE TABLE access_audit (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at            timestamptz   NOT NULL,
    actor_kind    varchar(20)   NOT NULL CHECK (actor_kind IN ('api_key', 'manager', 'admin', 'system')),
    -- Never a raw phone number: no run of seven or more digits.
    actor_id      varchar(64)   NOT NULL CHECK (actor_id !~ '[0-9]{7,}'),
    action        varchar(30)   NOT NULL
                      CHECK (action IN ('read_team', 'read_details', 'export', 'erasure', 'retention')),
    parent_ids    bigint[]      NOT NULL DEFAULT '{}',
    player_ids    bigint[]      NOT NULL DEFAULT '{}',
    detail        jsonb         NOT NULL DEFAULT '{}',
    request_id    varchar(100)
);
CREATE INDEX access_audit_parents ON access_audit USING gin (parent_ids);
CREATE INDEX access_audit_players ON access_audit USING gin (player_ids);
