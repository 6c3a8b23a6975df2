-- Issue 11. A delivery status can arrive before the send has saved its SID: it is kept here until it has
-- (docs/decisions/0086-status-before-its-send-is-saved.md).
CREATE TABLE early_status_callbacks (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    twilio_sid  varchar(64)  NOT NULL,
    status      varchar(20)  NOT NULL,
    error_code  integer,
    received_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX early_status_callbacks_sid ON early_status_callbacks (twilio_sid);

-- An outbox row the sweeper cannot read as a job is set aside, so it neither blocks nor repeats
-- (docs/decisions/0087-poison-outbox-rows-quarantined.md).
ALTER TABLE outbox ADD COLUMN quarantined_at timestamptz;
DROP INDEX outbox_unpublished;
CREATE INDEX outbox_unpublished ON outbox (created_at) WHERE published_at IS NULL AND quarantined_at IS NULL;
