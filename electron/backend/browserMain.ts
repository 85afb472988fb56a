import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { isTillError } from '../../core/errors.js';
import { errorMessage } from '../../core/i18n/index.js';
import { startBrowserServer } from './browserServer.js';
import { defaultDataDir } from './dataDir.js';
import { appRoot } from './paths.js';
import { startTill, tillLanguage } from './till.js';
import { startDemoCentral } from './sync/demoCentral.js';

const USAGE = `Usage: npm run start:browser -- [--data-dir DIR] [--demo] [--lang en|ru|ro] [--port N]
  PORT            port on 127.0.0.1 (default 5170)
  --data-dir DIR  where the till database lives (default: the OS app-data folder)
  --demo          seed demo data into an empty database
  --lang          UI language (default: the OS locale)`;

/** Browser mode: the till backend as a plain Node process serving the renderer on loopback. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      demo: { type: 'boolean', default: false },
      'demo-products': { type: 'string', default: '20000' },
      'demo-customers': { type: 'string', default: '100000' },
      lang: { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port ?? process.env.PORT ?? 5170);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${values.port ?? process.env.PORT}`);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const log = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));

  const started = performance.now();
  const till = startTill({
    databaseFile: join(dataDir, 'till.sqlite'),
    language: values.lang,
    demo: values.demo ? { products: Number(values['demo-products']), customers: Number(values['demo-customers']), staff: true } : false,
    log,
  });
  const web = await startBrowserServer({ port, rendererDir: join(appRoot(), 'dist', 'renderer'), dispatch: till.dispatch, log: (detail, message) => log.error(detail, message) });
  // --demo with no central configured: the embedded demo central starts in the background and the till pairs with it.
  const demoCentral = values.demo ? startDemoCentral({ appRoot: appRoot(), dataDir, sync: till.sync, tillId: till.settings.tillId, log }) : null;
  log.info({ dataDir, ms: Math.round(performance.now() - started) }, 'till ready');
  console.log(`Omnitill (browser mode) is running at ${web.url}`);

  const stop = () => {
    demoCentral?.stop();
    void web
      .close()
      .then(() => till.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The --lang value, read without failing: start-up errors must be reported in the till's language too. */
function parseLangArg(): string | undefined {
  const i = process.argv.indexOf('--lang');
  return i >= 0 ? process.argv[i + 1] : undefined;
}

main().catch((e: unknown) => {
  if (isTillError(e)) {
    const lang = tillLanguage(parseLangArg());
    console.error(`Omnitill cannot start: ${errorMessage(lang, e.code, e.params)} [${e.code}]`);
  } else {
    console.error('Omnitill cannot start:', e instanceof Error ? e.message : e);
  }
  process.exit(1);
});
