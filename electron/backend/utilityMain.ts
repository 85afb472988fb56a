import { join } from 'node:path';
import pino from 'pino';
import type { RpcRequest, RpcResponse } from '../../core/rpc/contract.js';
import { sealedFileTokenStore } from './sync/tokenStore.js';
import { startTill, type Till } from './till.js';
import { appRoot } from './paths.js';
import { launchDemoCentral } from './sync/demoCentral.js';

/**
 * The till backend inside Electron: a utility process, off the UI thread, the single writer
 * of the database. Main first sends `{init: {tokenKey, databaseKey}}` (the device-token and
 * database keys it unwrapped with safeStorage, or null where the OS has no keychain), then forwards renderer calls as
 * `{id, method, input}` and gets Results back; `{display}` messages carry the customer display's screen.
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

let till: Till | null = null;

interface Init {
  readonly tokenKey: string | null;
  readonly databaseKey?: string | null;
}

function start({ tokenKey, databaseKey }: Init): Till {
  if (!tokenKey) log.warn('no OS keychain: the device token is kept in a file readable by this user only');
  if (!databaseKey) log.warn('no OS keychain: the database key is kept in a file readable by this user only');
  const demo = process.env.OMNITILL_DEMO === '1' ? { products: 20_000, customers: 100_000, staff: true } : false;
  // --demo: the demo central starts beside the till, as in browser mode, and the till pairs with it when it is ready.
  const launch = demo ? launchDemoCentral({ appRoot: appRoot(), dataDir: dataDir as string, size: demo, log }) : null;
  if (launch) process.once('exit', () => launch.stop());
  const started = startTill({
    databaseFile: join(dataDir as string, 'till.sqlite'),
    ...(databaseKey ? { databaseKey } : {}),
    language: process.env.OMNITILL_LANG,
    demo,
    log,
    ...(tokenKey ? { sync: { tokens: sealedFileTokenStore(dataDir as string, Buffer.from(tokenKey, 'hex')) } } : {}),
  });
  if (launch && launch.attach(started.sync, started.settings.tillId)) {
    log.info({ url: launch.url, adminKey: launch.adminKey }, 'demo central (the chain’s admin side): admin API key for this run');
  }
  return started;
}

parentPort.on('message', ({ data }) => {
  if (till === null) {
    const init = (data as { init?: Init }).init;
    if (!init) return;
    till = start(init);
    parentPort.postMessage({ ready: true });
    // The customer display window hears only its own messages, through main (electron/main/main.ts).
    parentPort.postMessage({ display: till.customerScreen.current() });
    till.customerScreen.subscribe((display) => parentPort.postMessage({ display }));
    return;
  }
  const request = data as RpcRequest;
  void till.dispatch(request.method, request.input).then((result) => {
    const response: RpcResponse = { id: request.id, result };
    parentPort.postMessage(response);
  });
});
