-- Issue 9: a product's brand (NULL: none) for the engine's rules.brands, and a campaign's names by
-- language as JSON {"en","ru","ro"} (NULL: only `name`). A discount frozen on a sale keeps the
-- names it was given under, so a reprint names it as the sale did.
ALTER TABLE products ADD COLUMN brand TEXT;
ALTER TABLE campaigns ADD COLUMN names TEXT;
ALTER TABLE sale_discounts ADD COLUMN names TEXT;
