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
import { launchDemoCentral } from './sync/demoCentral.js';

const USAGE = `Usage: npm run start:browser -- [--data-dir DIR] [--demo] [--lang en|ru|ro] [--port N]
  PORT            port on 127.0.0.1 (default 5170)
  --data-dir DIR  where the till database lives (default: the OS app-data folder)
  --demo          seed demo data into an empty database and start the demo central beside it
  --demo-central-port N  the demo central's port on 127.0.0.1 (default 5181)
  --no-demo-central      demo data in the till only, no central beside it (tests)
  --lang          UI language (default: the OS locale)`;

/** Browser mode: the till backend as a plain Node process serving the renderer on loopback. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      demo: { type: 'boolean', default: false },
      'demo-products': { type: 'string', default: '20000' },
      'demo-customers': { type: 'string', default: '100000' },
      'demo-central-port': { type: 'string' },
      'no-demo-central': { type: 'boolean', default: false },
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
  const demo = values.demo ? { products: Number(values['demo-products']), customers: Number(values['demo-customers']), staff: true } : false;
  // --demo: the embedded demo central starts first, so it seeds while the till seeds its own database.
  const launch = demo && !values['no-demo-central'] ? launchDemoCentral({
        appRoot: appRoot(),
        dataDir,
        size: demo,
        log,
        ...(values['demo-central-port'] ? { port: Number(values['demo-central-port']) } : {}),
      }) : null;
  let till: ReturnType<typeof startTill>;
  try {
    till = startTill({ databaseFile: join(dataDir, 'till.sqlite'), language: values.lang, demo, log });
  } catch (e) {
    launch?.stop();
    throw e;
  }
  const web = await startBrowserServer({ port, rendererDir: join(appRoot(), 'dist', 'renderer'), dispatch: till.dispatch, display: till.customerScreen, log: (detail, message) => log.error(detail, message) }).catch(
    (e: unknown) => {
      launch?.stop();
      throw e;
    },
  );
  // With no central configured the till pairs with the demo central as soon as it is ready.
  const demoCentral = launch ? launch.attach(till.sync, till.settings.tillId) : null;
  log.info({ dataDir, ms: Math.round(performance.now() - started) }, 'till ready');
  console.log(`Omnitill (browser mode) is running at ${web.url}`);
  if (launch && demoCentral) {
    console.log(`Demo central (the chain's admin side): ${launch.url} — admin API key for this run: ${launch.adminKey}`);
    console.log(`  e.g. curl -H 'Authorization: Bearer ${launch.adminKey}' ${launch.url}/v1/admin/stores ; every endpoint: ${launch.url}/openapi.json`);
  }

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
