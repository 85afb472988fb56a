import { join } from 'node:path';
import type { PaymentTerminal } from '../../electron/backend/payment/terminal.js';
import { startTill, type Till } from '../../electron/backend/till.js';
import { tempDir } from './tmp.js';

export const silentLog = { error: () => undefined };

export interface TestTill extends Till {
  readonly file: string;
}

/** A till on a real SQLite file in a temp folder, seeded with a small demo catalogue. */
export function openTestTill(
  options: { products?: number; customers?: number; language?: string; now?: () => Date; file?: string; staff?: boolean; terminal?: PaymentTerminal | null } = {},
): TestTill {
  const file = options.file ?? join(tempDir(), 'till.sqlite');
  const till = startTill({
    databaseFile: file,
    language: options.language ?? 'en',
    demo: { products: options.products ?? 500, customers: options.customers ?? 100, staff: options.staff ?? false },
    log: silentLog,
    now: options.now,
    printQueue: false,
    ...(options.terminal !== undefined ? { terminal: options.terminal } : {}),
  });
  return { ...till, file };
}

/** Unwraps an RPC result, failing the test with the error code if it was not ok. */
export function ok<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function errorCode(result: { ok: boolean; error?: { code: string } }): string | undefined {
  return result.ok ? undefined : result.error?.code;
}
