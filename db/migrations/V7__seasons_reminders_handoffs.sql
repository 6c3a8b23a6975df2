-- A season of registrations: conversations per season, reminders, hand-offs that come back, returning players
-- (docs/decisions/0060-conversations-belong-to-a-season.md to 0064).

-- A conversation belongs to one season; an invitation for another season archives it and opens a new one.
-- Existing conversations take the latest season of their players (null: none yet, adopted by the next invitation).
ALTER TABLE conversations ADD COLUMN season varchar(20);
UPDATE conversations c SET season = (SELECT max(pl.season) FROM players pl WHERE pl.conversation_id = c.id);

-- A hand-off nobody has released after a day is escalated to the club admins, once.
ALTER TABLE conversations ADD COLUMN human_help_escalated_at timestamptz;

-- The one question guided mode cannot read from the registrations: whether the parent wants the manager to
-- contact them ("help"), and which of last season's details changed.
ALTER TABLE conversations ADD COLUMN guided_prompt varchar(20)
    CHECK (guided_prompt IN ('help_offer', 'changed_details'));

-- Reminders to a parent who has not finished a registration, counted per player.
ALTER TABLE players ADD COLUMN reminders_sent integer NOT NULL DEFAULT 0;
ALTER TABLE players ADD COLUMN last_reminded_at timestamptz;
CREATE INDEX players_unfinished ON players (conversation_id)
    WHERE registration_status IN ('pending', 'confirmed');

-- A returning player: the same child's completed registration of an earlier season, whose details are offered again.
ALTER TABLE players ADD COLUMN previous_player_id bigint REFERENCES players (id);

-- Re-invitations of the same unfinished player; each sends the existing-registration template once.
ALTER TABLE invitations ADD COLUMN reinvitations integer NOT NULL DEFAULT 0;
