-- Issue 4: the registration conversation.

-- One row per answered turn: the reply decided for a burst of inbound messages, written in the same transaction
-- that marks those messages answered. It is sent afterwards; a retried job sends an unsent row again (same
-- idempotency key, so never twice) instead of deciding the turn a second time.
CREATE TABLE conversation_turns (
    id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id           bigint        NOT NULL REFERENCES conversations (id),
    last_inbound_message_id   bigint        NOT NULL UNIQUE REFERENCES messages (id),
    engine                    varchar(10)   NOT NULL CHECK (engine IN ('ai', 'guided')),
    reply                     jsonb         NOT NULL,   -- {"text": ..., "quick_replies": [...]}
    input_tokens              integer       NOT NULL DEFAULT 0,
    output_tokens             integer       NOT NULL DEFAULT 0,
    sent_at                   timestamptz,
    created_at                timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX conversation_turns_unsent ON conversation_turns (conversation_id) WHERE sent_at IS NULL;

-- Seed Phase 4: after an 'existing' invitation the assistant offers to carry on or start again, once.
ALTER TABLE invitations ADD COLUMN earlier_attempt_answered_at timestamptz;
