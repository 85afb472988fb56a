import { join } from 'node:path';
import { startTill, type Till } from '../../electron/backend/till.js';
import { EmulatedPrinter } from '../emulators/printer.js';
import { ok, openTestTill, silentLog } from './till.js';
import { tempDir } from './tmp.js';

/**
 * A demo till in `language` printing through its own durable queue to an emulated ESC/POS
 * printer on TCP; what to close afterwards goes onto `cleanups` (the till, then the printer).
 */
export async function tillWithPrinter(language: string, cleanups: (() => Promise<void> | void)[]): Promise<{ till: Till; printer: EmulatedPrinter }> {
  const file = join(tempDir(), 'till.sqlite');
  await openTestTill({ file, products: 200, customers: 10 }).close();
  const till = startTill({
    databaseFile: file,
    language,
    log: silentLog,
    printQueue: { timeouts: { statusTimeoutMs: 500, completionTimeoutMs: 5000, pollMs: 50 }, connectionTimeouts: { connectTimeoutMs: 1000, writeTimeoutMs: 2000 } },
  });
  cleanups.push(() => till.close());
  const printer = new EmulatedPrinter();
  const server = await printer.listenTcp(0);
  cleanups.push(() => server.close());
  ok(await till.dispatch('hardware.setPrinter', { profileId: 'epson-tm-t20', connection: { kind: 'tcp', host: '127.0.0.1', port: server.port } }));
  return { till, printer };
}
