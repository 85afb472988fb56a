-- The customer at the till: a sale knows its customer (sent to central with the sale, so the
-- store purchase joins her profile), a line knows when it came from her online cart or
-- favourites, and the last digits of a phone find her without a scan of every number.
-- Additive only.

ALTER TABLE sales ADD COLUMN customer_id TEXT;
ALTER TABLE sale_lines ADD COLUMN origin TEXT CHECK (origin IS NULL OR origin IN ('cart:web', 'cart:app', 'favourite'));

-- "the last four digits": an equality on this index, then the fifth and sixth by LIKE on few rows.
CREATE INDEX customer_phones_by_last4 ON customer_phones (substr(phone_e164, -4));
CREATE INDEX sales_by_customer ON sales (customer_id, closed_at) WHERE customer_id IS NOT NULL;
