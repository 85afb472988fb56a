// `npm start`: the Electron app where it can run, browser mode where it cannot.
// `npm start -- --browser` (or `npm run start:browser`) goes straight to browser mode.
// Arguments after `--` are passed on (--data-dir, --demo, --lang, --port).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const browserOnly = args.includes('--browser');
const passOn = args.filter((a) => a !== '--browser' && a !== '--');

function run(script, scriptArgs = []) {
  const result = spawnSync(process.execPath, [join(root, script), ...scriptArgs], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function startBrowserMode() {
  const child = spawn(process.execPath, [join(root, 'dist/backend/browser.mjs'), ...passOn], { stdio: 'inherit', cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

/** Why Electron cannot run here, or null when it can. Downloads the runtime on first use. */
function electronUnavailable() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'no display';
  let installDir;
  try {
    installDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return 'the electron package is not installed';
  }
  if (!existsSync(join(installDir, 'path.txt'))) {
    const download = spawnSync(process.execPath, [join(installDir, 'install.js')], { stdio: 'ignore' });
    if (download.status !== 0) return 'its runtime could not be downloaded';
  }
  return null;
}

/**
 * The backend runs inside Electron, whose Node ABI differs from the system Node's: a copy of
 * better-sqlite3-multiple-ciphers is rebuilt for Electron under .cache/, so the copy used by tests stays intact.
 */
async function electronSqliteBinding() {
  const electronVersion = require('electron/package.json').version;
  const buildPath = join(root, '.cache', `electron-${electronVersion}`);
  const binding = join(buildPath, 'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node');
  if (existsSync(binding)) return binding;
  mkdirSync(join(buildPath, 'node_modules'), { recursive: true });
  cpSync(join(root, 'node_modules/better-sqlite3-multiple-ciphers'), join(buildPath, 'node_modules/better-sqlite3-multiple-ciphers'), { recursive: true });
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath, electronVersion, onlyModules: ['better-sqlite3-multiple-ciphers'], force: true });
  return binding;
}

run('scripts/ensure-native.mjs');
run('scripts/build.mjs');

if (browserOnly) {
  startBrowserMode();
} else {
  const reason = electronUnavailable();
  let binding = null;
  if (reason === null) {
    try {
      binding = await electronSqliteBinding();
    } catch (e) {
      console.log(`Electron cannot run here (native modules could not be built for it: ${e.message}); starting browser mode instead.`);
    }
  } else {
    console.log(`Electron cannot run here (${reason}); starting browser mode instead.`);
  }
  if (binding === null) {
    startBrowserMode();
  } else {
    const electron = require('electron');
    const child = spawn(electron, [root, ...passOn], { stdio: 'inherit', cwd: root, env: { ...process.env, OMNITILL_SQLITE_BINDING: binding } });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
