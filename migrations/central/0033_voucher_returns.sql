-- Giving a voucher spend back (issue 11): a voucher taken on a sale that did not complete (the
-- cashier removed it, or cancelled the sale) gets its amount back, keyed by the till's spend id,
-- exactly once: one conditional UPDATE marks the spend given back (only if it was not) and adds
-- what it took back to the balance in the same statement. A spend central never had is recorded
-- as given back with nothing taken, so a late request to spend it takes nothing. Additive only.
ALTER TABLE voucher_spends ADD COLUMN returned_at timestamptz;
-- What the give-back put back on the balance: what the spend took (its amount less any overspend); 0 when central never had it.
ALTER TABLE voucher_spends ADD COLUMN given_back_minor bigint CHECK (given_back_minor >= 0 AND given_back_minor <= amount_minor);
ALTER TABLE voucher_spends ADD CONSTRAINT voucher_spends_given_back CHECK ((returned_at IS NULL) = (given_back_minor IS NULL));
