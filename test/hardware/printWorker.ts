import { openTillDatabase } from '../../electron/backend/db.js';
import { createPrintQueue } from '../../electron/backend/hardware/printQueue.js';
import { printerProfile } from '../../native/printer/profiles.js';

/** A till's print worker in its own process, so a test can SIGKILL it mid-job: `printWorker.ts <db> <port>`. */
const [file, port] = process.argv.slice(2);
const profile = printerProfile('epson-tm-t20');
if (!file || !port || !profile) throw new Error('usage: printWorker.ts <db file> <printer port>');
const db = openTillDatabase(file);
const queue = createPrintQueue({
  db,
  printer: () => ({ connection: { kind: 'tcp', host: '127.0.0.1', port: Number(port) }, profile }),
  timeouts: { statusTimeoutMs: 60_000, completionTimeoutMs: 60_000, pollMs: 50 },
});
queue.start();
process.stdout.write('READY\n');
