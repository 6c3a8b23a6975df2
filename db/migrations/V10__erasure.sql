-- Issue 14: a parent's data erased on request (docs/decisions/0091-erasure-of-a-parent.md). Messages stay
-- append-only for everything else: a delete is allowed only in a transaction that has itself written an 'erasure'
-- entry to access_audit and named it in the transaction-local setting clubreg.audit_entry.

-- True when clubreg.audit_entry names an access_audit row of this action written by the current transaction.
CREATE FUNCTION audited_in_this_transaction(wanted varchar) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM access_audit
         WHERE id = nullif(current_setting('clubreg.audit_entry', true), '')::bigint
           AND action = wanted
           AND xmin::text::bigint = pg_current_xact_id()::text::bigint % 4294967296)
$$;

CREATE OR REPLACE FUNCTION messages_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF audited_in_this_transaction('erasure') THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'messages are append-only: delete refused';
    END IF;
    IF NEW.direction IS DISTINCT FROM OLD.direction OR NEW.body IS DISTINCT FROM OLD.body
       OR NEW.phone_e164 IS DISTINCT FROM OLD.phone_e164 OR NEW.kind IS DISTINCT FROM OLD.kind
       OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION 'messages are append-only: content of message % cannot change', OLD.id;
    END IF;
    RETURN NEW;
END $$;
