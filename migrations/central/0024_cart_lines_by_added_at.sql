-- The cart-reminder job looks only at carts that moved within its policy's window: the lines
-- added since then, found by this index, not every cart line of every customer.
CREATE INDEX cart_lines_by_added_at ON cart_lines (added_at);
