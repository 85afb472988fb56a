/** A paired till not heard from for this many minutes is flagged silent, unless the page asks for another limit. */
export const DEFAULT_SILENT_MINUTES = 15;
/** The longest limit the fleet page takes: a week. */
export const MAX_SILENT_MINUTES = 7 * 24 * 60;

/** The limit typed on the fleet page, or null when it is not whole minutes from 1 to a week. */
export function parseSilentMinutes(typed: string): number | null {
  if (!/^\s*\d+\s*$/.test(typed)) return null;
  const n = Number(typed);
  return n >= 1 && n <= MAX_SILENT_MINUTES ? n : null;
}
