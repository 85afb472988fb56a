-- Giving a voucher back (issue 11): a voucher taken on the open sale can be removed (or the sale
-- cancelled) and its amount goes back on the voucher. The give-back is committed ('returning')
-- before central is asked and its answer the moment it comes ('returned'); without an answer a
-- voucher of this till's own, or one taken offline, is given back here and central told later
-- (op `voucher.returned`, keyed by the spend id). A till that died mid-give-back finishes it at
-- start-up the same way. Additive only: `state` admits the two new states (loosened as 0012 did).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (state IN (''pending'', ''held'', ''refused''))', 'CHECK (state IN (''pending'', ''held'', ''refused'', ''returning'', ''returned''))')
 WHERE type = 'table' AND name = 'voucher_spends';
PRAGMA writable_schema = RESET;

ALTER TABLE voucher_spends ADD COLUMN returned_at TEXT;
-- 1: given back on this till with central told later by op; 0: central gave it back at once.
ALTER TABLE voucher_spends ADD COLUMN returned_offline INTEGER CHECK (returned_offline IN (0, 1));
