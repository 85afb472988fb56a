import { ConsoleApiError } from '../api.js';

/** The fields a refused body names (zod issue paths from central), for a translated message beside each. */
export function refusedFields(e: unknown): string[] {
  if (!(e instanceof ConsoleApiError) || e.code !== 'INPUT_INVALID') return [];
  return [...new Set(e.details.map((d) => String(d.path?.[0] ?? 'other')))];
}
