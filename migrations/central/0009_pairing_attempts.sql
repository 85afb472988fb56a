-- Failed pairings counted per code, so per till (issue 13): a code starts with a public handle
-- naming it; a wrong secret under that handle counts against the code, and after a few the
-- code is dead (a manager issues a new one), whatever addresses the guesses came from.
ALTER TABLE pairing_codes ADD COLUMN handle text;
ALTER TABLE pairing_codes ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0;
CREATE INDEX pairing_codes_open_handle ON pairing_codes (handle) WHERE used_at IS NULL;
