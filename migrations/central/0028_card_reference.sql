-- Returns at another till (issue 11): a typed receipt number (the till and its number there) is
-- looked up at central, and a card refund there goes back against the original charge, so
-- central keeps the till's reference for it beside the approval (from the op's
-- `terminalReference`; NULL from older tills, whose card sales then refund in cash or store
-- credit). Additive only.
ALTER TABLE sale_payments ADD COLUMN terminal_reference text CHECK (terminal_reference ~ '^[0-9A-HJKMNP-TV-Z]{26}$');
CREATE INDEX sales_by_till_receipt ON sales (lower(till_id), receipt_no);
