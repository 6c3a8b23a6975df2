-- Issue 9: a club admin sees the console's active sessions (who, signed in when, last used when) and revokes them
-- (docs/console.md, docs/decisions/0076-console-sessions-listed-and-revoked.md). last_used_at is kept to within
-- five minutes, so a page view writes at most once in that time.
ALTER TABLE console_sessions ADD COLUMN last_used_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX console_sessions_active ON console_sessions (expires_at) WHERE revoked_at IS NULL;
