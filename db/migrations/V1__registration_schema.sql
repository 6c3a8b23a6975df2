-- Registration schema. Flyway applies this; it is the only source of the schema.
-- Departures from the seed's players/conversations tables are listed in docs/decisions/0002-schema.md.

-- One row per parent phone number (E.164). A parent may have several players, in different teams.
CREATE TABLE parents (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone_e164          varchar(16)  NOT NULL UNIQUE CHECK (phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
    first_name          varchar(50),
    last_name           varchar(50),
    opted_out_at        timestamptz,            -- STOP: nothing more is sent until START
    unreachable_at      timestamptz,            -- Twilio 63003/63024: not on WhatsApp, the manager should phone
    unreachable_reason  varchar(200),
    created_at          timestamptz  NOT NULL DEFAULT now(),
    updated_at          timestamptz  NOT NULL DEFAULT now()
);

-- A parent's WhatsApp conversation. At most one is live per parent; siblings share it.
CREATE TABLE conversations (
    id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id                 bigint       NOT NULL REFERENCES parents (id),
    state                     varchar(20)  NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'archived')),
    openai_conversation_id    varchar(100),           -- replaces the seed's Assistants thread_id
    last_inbound_at           timestamptz,            -- only inbound messages open WhatsApp's 24-hour window
    last_interaction_at       timestamptz  NOT NULL DEFAULT now(),
    human_help_requested_at   timestamptz,            -- set: the AI stays silent until a manager releases it
    human_help_reason         varchar(500),
    ai_unavailable_since      timestamptz,            -- first failed AI attempt of the current outage
    holding_message_sent_at   timestamptz,            -- one holding message per outage
    created_at                timestamptz  NOT NULL DEFAULT now(),
    updated_at                timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX conversations_one_live_per_parent ON conversations (parent_id) WHERE state = 'active';

-- One row per child per season. The details the registration collects are nullable until given.
CREATE TABLE players (
    id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id                 bigint        NOT NULL REFERENCES parents (id),
    conversation_id           bigint        REFERENCES conversations (id),
    first_name                varchar(50)   NOT NULL,
    last_name                 varchar(50)   NOT NULL,
    club_name                 varchar(100)  NOT NULL,
    team_name                 varchar(50)   NOT NULL,
    age_group                 varchar(20),
    season                    varchar(20)   NOT NULL,
    manager_full_name         varchar(100),
    manager_tel               varchar(20),
    membership_fee_amount     numeric(10, 2),
    subscription_fee_amount   numeric(10, 2),
    registration_status       varchar(20)   NOT NULL DEFAULT 'pending'
                                  CHECK (registration_status IN ('pending', 'confirmed', 'declined', 'completed')),
    stage                     varchar(30)   NOT NULL DEFAULT 'initial_contact'
                                  CHECK (stage IN ('initial_contact', 'returning_player_check', 'info_collection',
                                                   'completed', 'declined', 'archived')),
    is_returning_player       boolean,
    registration_notes        text,
    date_of_birth             date,
    medical_notes             text,
    emergency_contact_name    varchar(100),
    emergency_contact_tel     varchar(16),
    photo_consent             boolean,
    kit_size                  varchar(20),
    created_at                timestamptz   NOT NULL DEFAULT now(),
    updated_at                timestamptz   NOT NULL DEFAULT now()
);
-- The same child (by name) for the same parent and season is one player: invitations are idempotent.
CREATE UNIQUE INDEX players_identity ON players (parent_id, lower(first_name), lower(last_name), season);
CREATE INDEX players_team_season ON players (team_name, season);
CREATE INDEX players_conversation ON players (conversation_id);

-- A manager's invitation of a player. One per player and season (the player row carries the season).
CREATE TABLE invitations (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    player_id           bigint        NOT NULL UNIQUE REFERENCES players (id),
    -- 'existing' when the parent already had a live conversation: seed Phase 4's second template is sent.
    kind                varchar(20)   NOT NULL DEFAULT 'new' CHECK (kind IN ('new', 'existing')),
    request_id          varchar(100)  NOT NULL,     -- the request that created it, for tracing
    created_at          timestamptz   NOT NULL DEFAULT now()
);

-- Every WhatsApp message in or out. Append-only: rows are never deleted and their content never changes;
-- only delivery status, error and usage columns move on.
CREATE TABLE messages (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id       bigint        REFERENCES conversations (id),
    parent_id             bigint        REFERENCES parents (id),     -- null for a sender with no invitation
    phone_e164            varchar(16)   NOT NULL,
    direction             varchar(10)   NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    kind                  varchar(20)   NOT NULL CHECK (kind IN ('text', 'media', 'template', 'freeform')),
    body                  text,
    content_sid           varchar(64),                  -- template sends
    content_variables     jsonb,
    media                 jsonb,                        -- inbound media: [{"url": ..., "content_type": ...}]
    twilio_sid            varchar(64)   UNIQUE,         -- inbound MessageSid, or outbound SID once Twilio accepted it
    idempotency_key       varchar(200)  UNIQUE,         -- outbound: written before the send, so a retry never sends twice
    status                varchar(20)   NOT NULL,
    error_code            integer,
    error_message         varchar(500),
    retry_of_message_id   bigint        REFERENCES messages (id),   -- template re-send after 63016
    input_tokens          integer,                      -- AI usage of the turn that produced this reply
    output_tokens         integer,
    created_at            timestamptz   NOT NULL DEFAULT now(),
    updated_at            timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX messages_conversation_created ON messages (conversation_id, created_at);
CREATE INDEX messages_phone_created ON messages (phone_e164, created_at);

CREATE FUNCTION messages_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'messages are append-only: delete refused';
    END IF;
    IF NEW.direction IS DISTINCT FROM OLD.direction OR NEW.body IS DISTINCT FROM OLD.body
       OR NEW.phone_e164 IS DISTINCT FROM OLD.phone_e164 OR NEW.kind IS DISTINCT FROM OLD.kind
       OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION 'messages are append-only: content of message % cannot change', OLD.id;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER messages_append_only BEFORE UPDATE OR DELETE ON messages
    FOR EACH ROW EXECUTE FUNCTION messages_are_append_only();

-- Transactional outbox: a job is written in the same transaction as the change that causes it,
-- then relayed to SQS. Rows with published_at null are retried by the sweeper.
CREATE TABLE outbox (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_type            varchar(40)   NOT NULL,
    message_group_id    varchar(128)  NOT NULL,     -- FIFO order per parent
    deduplication_id    varchar(128)  NOT NULL UNIQUE,
    payload             jsonb         NOT NULL,
    attempts            integer       NOT NULL DEFAULT 0,
    last_error          varchar(500),
    published_at        timestamptz,
    created_at          timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX outbox_unpublished ON outbox (created_at) WHERE published_at IS NULL;
