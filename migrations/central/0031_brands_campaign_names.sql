-- Issue 9: brand targeting at the till, and campaign names in the UI language.
-- A product's brand (NULL: none), carried by the pull so a till's engine targets rules.brands as
-- central's quote does. A campaign's names by language {en, ru, ro} (NULL: only `name`, which stays
-- the fallback), carried by the pull so tills, receipts and displays name it in their language.
ALTER TABLE products ADD COLUMN brand text;
ALTER TABLE campaigns ADD COLUMN names jsonb;

CREATE OR REPLACE FUNCTION product_doc(p_sku text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'sku', p.sku,
    'barcodes', COALESCE((SELECT jsonb_agg(b.code ORDER BY b.code) FROM product_barcodes b WHERE b.sku = p.sku), '[]'::jsonb),
    'names', jsonb_build_object('en', p.name_en, 'ru', p.name_ru, 'ro', p.name_ro),
    'vatCategory', p.vat_category,
    'category', p.category,
    'soldBy', p.sold_by,
    'plu', p.plu,
    'brand', p.brand)
  FROM products p WHERE p.sku = p_sku
$$;

CREATE OR REPLACE FUNCTION campaign_doc(p_id text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', c.id, 'name', c.name, 'names', c.names, 'channel', c.channel, 'codeKind', c.code_kind,
    'discountKind', c.discount_kind, 'discountValue', c.discount_value, 'currency', c.currency,
    'startsAt', iso(c.starts_at), 'endsAt', iso(c.ends_at),
    'offlineAllowed', c.offline_allowed, 'offlineCapPerTill', c.offline_cap_per_till, 'rules', c.rules,
    'usage', jsonb_build_object('uses', coalesce(u.uses, 0), 'spentMinor', coalesce(u.spent_minor, 0)))
  FROM campaigns c LEFT JOIN campaign_usage u ON u.campaign_id = c.id WHERE c.id = p_id
$$;
