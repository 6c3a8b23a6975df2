-- Issue 11: an AI turn's tool writes are recorded in the transaction of each write, with the parent's messages the
-- turn answers, so a retried turn never applies the same call twice
-- (docs/decisions/0126-ai-tool-writes-recorded-with-their-messages.md). A row holds a digest of the call, never its
-- arguments, and lives until the turn is recorded.
CREATE TABLE ai_tool_writes (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id  bigint       NOT NULL REFERENCES conversations (id),
    message_ids      bigint[]     NOT NULL,
    tool             varchar(64)  NOT NULL,
    call_digest      bytea        NOT NULL,
    created_at       timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX ai_tool_writes_conversation ON ai_tool_writes (conversation_id);

-- Tokens of AI attempts that ended without a reply (an outage, the turn's deadline): billed all the same.
ALTER TABLE conversations
    ADD COLUMN ai_attempt_input_tokens  bigint NOT NULL DEFAULT 0,
    ADD COLUMN ai_attempt_output_tokens bigint NOT NULL DEFAULT 0;
