-- A campaign's money rules (minimum basket, cap, budget) are in minor units of its currency.
-- Central now refuses them without a currency, and a till or the web shop refuses a campaign
-- that has them anyway (`no_currency`) rather than read 100.00 as the sale's currency. Campaigns
-- made before that rule keep working where that can be known: when every store of the chain
-- sells in one currency, that is the currency they meant. In a chain with several currencies
-- they stay without one until someone sets it in the console. Additive only: never DROP, never RENAME.
UPDATE campaigns c SET currency = chain.currency
FROM (SELECT min(currency) AS currency FROM stores HAVING count(DISTINCT currency) = 1) chain
WHERE c.currency IS NULL AND (c.rules ? 'minBasketMinor' OR c.rules ? 'capMinor' OR c.rules ? 'budgetMinor');

-- The tills get the documents again (re-sending one whose currency was already set changes nothing there).
INSERT INTO changes (entity, scope, key, op, data)
SELECT 'campaign', '', c.id, 'upsert', campaign_doc(c.id) FROM campaigns c
WHERE c.rules ? 'minBasketMinor' OR c.rules ? 'capMinor' OR c.rules ? 'budgetMinor'
ON CONFLICT (entity, scope, key) DO UPDATE SET txid = EXCLUDED.txid, seq = EXCLUDED.seq, op = EXCLUDED.op, data = EXCLUDED.data;
