-- Issue 14: retention (docs/decisions/0093-retention.md). Message content is emptied MESSAGE_RETENTION_DAYS after a
-- conversation's registrations finished; collected details are deleted DETAILS_RETENTION_SEASONS after their season.

-- When a registration finished (completed, declined or archived); null while it is under way. Kept by a trigger, so
-- every way a stage changes sets it.
ALTER TABLE players ADD COLUMN finished_at timestamptz;
UPDATE players SET finished_at = updated_at WHERE stage IN ('completed', 'declined', 'archived');
CREATE FUNCTION players_finished_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.stage NOT IN ('completed', 'declined', 'archived') THEN
        NEW.finished_at = NULL;
    ELSIF TG_OP = 'INSERT' OR OLD.stage NOT IN ('completed', 'declined', 'archived') THEN
        NEW.finished_at = now();
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER players_finished BEFORE INSERT OR UPDATE OF stage ON players
    FOR EACH ROW EXECUTE FUNCTION players_finished_at();

-- When the collected details were deleted because their season is long over.
ALTER TABLE players ADD COLUMN details_deleted_at timestamptz;

-- Messages stay append-only, with two exceptions: a parent's erasure (V10), and retention's redaction, which empties
-- body, media and template variables once, never replaces them, and only in a transaction that has written a
-- 'retention' entry to access_audit and named it in clubreg.audit_entry.
ALTER TABLE messages ADD COLUMN redacted_at timestamptz;
CREATE OR REPLACE FUNCTION messages_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF audited_in_this_transaction('erasure') THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'messages are append-only: delete refused';
    END IF;
    IF NEW.body IS DISTINCT FROM OLD.body OR NEW.media IS DISTINCT FROM OLD.media
       OR NEW.content_variables IS DISTINCT FROM OLD.content_variables
       OR NEW.redacted_at IS DISTINCT FROM OLD.redacted_at THEN
        IF NOT (OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL AND NEW.body IS NULL AND NEW.media IS NULL
                AND NEW.content_variables IS NULL AND audited_in_this_transaction('retention')) THEN
            RAISE EXCEPTION 'messages are append-only: content of message % cannot change', OLD.id;
        END IF;
    END IF;
    IF NEW.direction IS DISTINCT FROM OLD.direction OR NEW.phone_e164 IS DISTINCT FROM OLD.phone_e164
       OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION 'messages are append-only: content of message % cannot change', OLD.id;
    END IF;
    RETURN NEW;
END $$;
CREATE INDEX messages_unredacted_conversation ON messages (conversation_id) WHERE redacted_at IS NULL;
