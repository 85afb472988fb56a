/**
 * The benchmark customers, set-based: `count` customers with one phone each and their change
 * log rows, as SQL to run inside a seed. `phonePrefix` picks the country (digits follow).
 */
export function benchCustomersSql(count: number, phonePrefix: string): string {
  return `
    INSERT INTO customers (id, name, email)
      SELECT 'B' || lpad(i::text, 8, '0'), 'Customer ' || i, 'c' || i || '@example.com' FROM generate_series(1, ${count}) i;
    INSERT INTO customer_phones (phone_e164, customer_id)
      SELECT '${phonePrefix}' || lpad(i::text, 7, '0'), 'B' || lpad(i::text, 8, '0') FROM generate_series(1, ${count}) i;
    INSERT INTO changes (entity, scope, key, op, data)
      SELECT 'customer', '', c.id, 'upsert', jsonb_build_object('id', c.id, 'name', c.name, 'email', c.email, 'segments', '[]'::jsonb,
               'phones', jsonb_build_array(p.phone_e164), 'consents', '[]'::jsonb, 'updatedAt', iso(c.updated_at))
      FROM customers c JOIN customer_phones p ON p.customer_id = c.id;`;
}
