import { ConsoleApiError } from '../api.js';

/** Rules of a campaign that have a field of their own in the form (the others share the one 'rules' note). */
const OWN_RULE_FIELDS = new Set(['perCustomer', 'skus', 'maxUses', 'budgetMinor', 'capMinor', 'maxQuantity', 'minQuantity', 'benefit', 'minBasketMinor', 'allocation', 'channels', 'brands', 'customers', 'days']);

/** The fields a refused body names (zod issue paths from central), for a translated message beside each. */
export function refusedFields(e: unknown): string[] {
  if (!(e instanceof ConsoleApiError) || e.code !== 'INPUT_INVALID') return [];
  const field = (path: readonly unknown[] | undefined) =>
    path?.[0] === 'rules' && OWN_RULE_FIELDS.has(String(path[1]))
      ? String(path[1])
      : path?.[0] === 'names' && path.length > 1
        ? `names.${String(path[1])}`
        : String(path?.[0] ?? 'other');
  return [...new Set(e.details.map((d) => field(d.path)))];
}
