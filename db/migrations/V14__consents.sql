-- Issue 14, item 4: consents recorded with when they were given, the version of the wording and the message that
-- gave them (docs/decisions/0095-consent-records.md).

-- When the conversation's first reply carried the club's privacy notice (PRIVACY_NOTICE_URL).
ALTER TABLE conversations ADD COLUMN privacy_notice_sent_at timestamptz;

-- Photo consent (each answer a row: a later one replaces an earlier one) and the data-processing acknowledgement
-- (once per registration: the parent wrote again after the privacy notice was sent). message_id: the inbound
-- message that gave it. Deleted with the registration's details (retention) or the parent (erasure).
CREATE TABLE consents (
    id              bigserial    PRIMARY KEY,
    player_id       bigint       NOT NULL REFERENCES players (id),
    kind            varchar(20)  NOT NULL CHECK (kind IN ('photo', 'data_processing')),
    given           boolean      NOT NULL,
    wording_version varchar(64)  NOT NULL,
    message_id      bigint       REFERENCES messages (id),
    recorded_at     timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX consents_by_player ON consents (player_id);
CREATE UNIQUE INDEX consents_one_acknowledgement ON consents (player_id) WHERE kind = 'data_processing';
