-- Messaging (issue 3): the inbound_message job reads a sender's messages still waiting for an answer, oldest first
-- (docs/decisions/0031). Partial: answered and outbound messages, the bulk of the table, are not indexed.
CREATE INDEX messages_waiting_by_parent ON messages (parent_id, id)
    WHERE direction = 'inbound' AND status = 'received';
