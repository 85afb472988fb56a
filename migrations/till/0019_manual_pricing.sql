-- Price override and manual discounts on the open sale, and the "No sale" drawer opening
-- (issue 11 item 2). Additive only.

-- A line whose price the cashier changed: the catalogue's price it had, and why. The line's
-- unit_price_minor is the new price, so totals, VAT, the pushed op and returns use what was paid.
ALTER TABLE sale_lines ADD COLUMN original_unit_price_minor INTEGER;
ALTER TABLE sale_lines ADD COLUMN price_reason TEXT;

-- A manual discount on a line and on the whole sale: a percent (in basis points) or an amount
-- (minor units) of what promotions left, with its reason.
ALTER TABLE sale_lines ADD COLUMN manual_kind TEXT CHECK (manual_kind IN ('percent', 'amount'));
ALTER TABLE sale_lines ADD COLUMN manual_value INTEGER CHECK (manual_value > 0);
ALTER TABLE sale_lines ADD COLUMN manual_reason TEXT;
ALTER TABLE sales ADD COLUMN manual_kind TEXT CHECK (manual_kind IN ('percent', 'amount'));
ALTER TABLE sales ADD COLUMN manual_value INTEGER CHECK (manual_value > 0);
ALTER TABLE sales ADD COLUMN manual_reason TEXT;

-- "No sale": a slip printed with the drawer kick. Widening `print_jobs.purpose` in place, as 0012
-- widened its kind (no row is read or rewritten; every existing row satisfies the looser check).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (purpose IN (''return'', ''return_cash''))', 'CHECK (purpose IN (''return'', ''return_cash'', ''no_sale''))')
 WHERE type = 'table' AND name = 'print_jobs';
PRAGMA writable_schema = RESET;
