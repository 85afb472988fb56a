import { join } from 'node:path';
import pino from 'pino';
import type { RpcRequest, RpcResponse } from '../../core/rpc/contract.js';
import { startTill } from './till.js';

/**
 * The till backend inside Electron: a utility process, off the UI thread, the single writer
 * of the database. Main forwards renderer calls as `{id, method, input}` and gets Results back.
 */
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('utilityMain must run in an Electron utility process');

const dataDir = process.env.OMNITILL_DATA_DIR;
if (!dataDir) throw new Error('OMNITILL_DATA_DIR is not set');
const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });

const till = startTill({
  databaseFile: join(dataDir, 'till.sqlite'),
  language: process.env.OMNITILL_LANG,
  demo: process.env.OMNITILL_DEMO === '1' ? { products: 20_000, customers: 100_000 } : false,
  log,
});

parentPort.on('message', ({ data }) => {
  const request = data as RpcRequest;
  void till.dispatch(request.method, request.input).then((result) => {
    const response: RpcResponse = { id: request.id, result };
    parentPort.postMessage(response);
  });
});
parentPort.postMessage({ ready: true });
