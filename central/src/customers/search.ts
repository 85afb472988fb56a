import { z } from 'zod';
import { COUNTRIES, type Country } from '../../../core/vat.js';
import { maskPhone, normalisePhone } from '../../../core/customer/phone.js';
import type { Queryable } from '../db.js';
import { ApiError } from '../errors.js';

/**
 * The console's customer search: a phone in any form people write it (read as each of the
 * chain's countries in turn, so `0721 …`, `069 …` and `8 916 …` all find her), an e-mail
 * (exact, any case) or words of the name (each a prefix of a word of the name). Every
 * branch uses an index; at most 50 answers, with masked phones.
 */
export const SEARCH_LIMIT = 50;

export const CustomerHit = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phones: z.array(z.string()),
  lastPurchaseAt: z.string().nullable(),
});
export type CustomerHit = z.infer<typeof CustomerHit>;

export type SearchKind = 'phone' | 'email' | 'name';

export function searchKind(q: string): SearchKind {
  if (q.includes('@')) return 'email';
  const digits = q.replace(/\D/g, '').length;
  if (digits >= 4 && /^[\d\s()+\-./]+$/.test(q)) return 'phone';
  return 'name';
}

/** The E.164 numbers a typed phone can be, read with no country, then as each country of the chain. */
export function phoneCandidates(q: string, countries: readonly Country[]): string[] {
  const found = new Set<string>();
  const plain = normalisePhone(q);
  if (plain) found.add(plain);
  for (const c of countries) {
    const e164 = normalisePhone(q, c);
    if (e164) found.add(e164);
  }
  return [...found];
}

/** Words of a name as a prefix query: letters and digits of any script only, so no tsquery syntax gets through. */
export function nameQuery(q: string): string | null {
  const words = q
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 6);
  return words.length === 0 ? null : words.map((w) => `${w}:*`).join(' & ');
}

async function chainCountries(q: Queryable): Promise<Country[]> {
  const { rows } = await q.query<{ country: Country }>(`SELECT country FROM stores GROUP BY country ORDER BY count(*) DESC, country`);
  const ours = rows.map((r) => r.country);
  return [...ours, ...COUNTRIES.filter((c) => !ours.includes(c))];
}

export async function searchCustomers(q: Queryable, text: string): Promise<{ kind: SearchKind; customers: CustomerHit[] }> {
  const kind = searchKind(text);
  let where: string;
  let param: string | string[];
  if (kind === 'email') {
    where = `lower(c.email) = lower($1)`;
    param = text;
  } else if (kind === 'phone') {
    const phones = phoneCandidates(text, await chainCountries(q));
    if (phones.length === 0) throw new ApiError('PHONE_INVALID', 'not a phone number we can read: give it with its country code (+…)');
    where = `c.id IN (SELECT customer_id FROM customer_phones WHERE phone_e164 = ANY ($1::text[]))`;
    param = phones;
  } else {
    const query = nameQuery(text);
    if (!query) throw new ApiError('INPUT_INVALID', 'type a phone, an e-mail or a name');
    where = `to_tsvector('simple', c.name) @@ to_tsquery('simple', $1)`;
    param = query;
  }
  const { rows } = await q.query<{ id: string; name: string; email: string | null; phones: string[]; last_purchase_at: string | null }>(
    `SELECT c.id, c.name, c.email,
            ARRAY(SELECT phone_e164 FROM customer_phones p WHERE p.customer_id = c.id ORDER BY p.added_at, p.phone_e164) AS phones,
            (SELECT iso(max(s.completed_at)) FROM sales s WHERE s.customer_id = c.id) AS last_purchase_at
     FROM customers c WHERE ${where}
     ORDER BY c.name, c.id LIMIT ${SEARCH_LIMIT}`,
    [param],
  );
  return {
    kind,
    customers: rows.map((r) => ({ id: r.id, name: r.name, email: r.email, phones: r.phones.map((p) => maskPhone(p)), lastPurchaseAt: r.last_purchase_at })),
  };
}
