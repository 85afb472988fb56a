-- Manager approval, offline (issue 11 item 2): how deep a manual discount a cashier may give
-- without a manager, per store, in basis points (1000 = 10 %), learnt by its tills when they pair.
-- Additive only.
ALTER TABLE stores ADD COLUMN manual_discount_limit_bp integer NOT NULL DEFAULT 1000
  CHECK (manual_discount_limit_bp BETWEEN 0 AND 10000);
