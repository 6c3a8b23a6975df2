-- A turn starts as soon as a message arrives; messages that arrive while it is decided are decided as a further
-- turn, and only that turn's reply is sent (docs/decisions/0016-bursts-folded-without-waiting.md). The earlier,
-- never-sent turn points at the turn whose reply answered for it.
ALTER TABLE conversation_turns ADD COLUMN folded_into_turn_id bigint REFERENCES conversation_turns (id);
