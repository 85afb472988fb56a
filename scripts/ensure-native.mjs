// Builds the native modules the till backend needs for this Node, once. Install scripts are
// off (see .npmrc), so this is where better-sqlite3-multiple-ciphers (the till database, encrypted at rest) gets its binary: a prebuilt one where the
// download host is reachable, otherwise compiled from source with node-gyp (~2 min).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function loads() {
  try {
    const Database = require('better-sqlite3-multiple-ciphers');
    new Database(':memory:').close();
    return true;
  } catch {
    return false;
  }
}

if (!loads()) {
  console.log('Building better-sqlite3-multiple-ciphers (SQLite with encryption) for Node ' + process.version + ' (first run only)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['rebuild', 'better-sqlite3-multiple-ciphers', '--ignore-scripts=false', '--foreground-scripts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!loads()) {
    console.error('better-sqlite3-multiple-ciphers still does not load after rebuilding; see the output above.');
    process.exit(1);
  }
}
