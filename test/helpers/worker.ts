import type { PaymentTerminal } from '../../electron/backend/payment/terminal.js';
import { startTill, type Till } from '../../electron/backend/till.js';

/** What the crash workers (killed at random by the crash tests) share. */

/** A repeatable random sequence in [0, 1) from the seed the test gives the worker. */
export function seededRandom(seedText: string): () => number {
  let seed = Number(seedText) >>> 0;
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

/** An RPC result's value; an error stops the worker (the test then sees it never acknowledged more). */
export function must<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

/** The till a crash worker drives: its database file, in English, no printing, no sync; `terminal` for the card workers. */
export function workerTill(file: string, terminal?: PaymentTerminal): Till {
  return startTill({ databaseFile: file, language: 'en', log: { error: (d) => console.error(d) }, printQueue: false, sync: { autoStart: false }, ...(terminal ? { terminal } : {}) });
}

/** Barcodes of up to 200 unit-priced products with a store price: what the workers scan. */
export function workerCodes(till: Till): string[] {
  return till.db.prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) JOIN store_prices sp USING (sku) WHERE p.sold_by = 'unit' AND sp.price_minor > 0 LIMIT 200`).pluck().all() as string[];
}

/**
 * A sale a kill left open is finished before the worker goes on: cancelled, or, when a voucher
 * already paid part of it (central took the amount, so it cannot be cancelled), paid in cash.
 */
export async function finishOpenSale(till: Till): Promise<void> {
  const open = must(await till.dispatch('sale.current', {})) as { totals: { total: number } } | null;
  if (!open) return;
  const cancelled = await till.dispatch('sale.cancel', {});
  if (!cancelled.ok && cancelled.error.code === 'VOUCHER_HELD_ON_SALE') must(await till.dispatch('sale.payCash', { tenderedMinor: open.totals.total }));
  else must(cancelled);
}
