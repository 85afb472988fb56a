-- A redemption conflict is resolved with a note: why the discount was honoured or is to be recovered,
-- read later beside the decision on the campaign's page. Additive only: never DROP, never RENAME.
ALTER TABLE redemption_conflicts ADD COLUMN resolution_note text CHECK (char_length(resolution_note) BETWEEN 1 AND 500);
