// The system tools the tests drive, checked before `npm test` so a fresh machine either gets them
// or stops at once with the one command that installs them (not 30 failing tests later).
// Debian packages: chromium (browser e2e), socat (serial PTY pairs), postgresql (central against a
// real server), util-linux (setpriv drops root to run initdb).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Each tool: the Debian package that brings it and how to tell it is there. */
export const TOOLS = [
  { pkg: 'chromium', present: (has, fs) => has('chromium') || Boolean(process.env.CHROMIUM_PATH && fs.exists(process.env.CHROMIUM_PATH)) },
  { pkg: 'socat', present: (has) => has('socat') },
  // Debian's postgresql keeps initdb off PATH, under /usr/lib/postgresql/<version>/bin.
  { pkg: 'postgresql', present: (has, fs) => has('initdb') || debianPostgresBins(fs).length > 0 },
  { pkg: 'util-linux', present: (has) => has('setpriv') },
];

function debianPostgresBins(fs) {
  const root = '/usr/lib/postgresql';
  if (!fs.exists(root)) return [];
  return fs.list(root).filter((v) => fs.exists(`${root}/${v}/bin/initdb`));
}

const realFs = { exists: existsSync, list: (dir) => readdirSync(dir) };

export function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The Debian packages this machine lacks. */
export function missingPackages(has = onPath, fs = realFs) {
  return TOOLS.filter((tool) => !tool.present(has, fs)).map((tool) => tool.pkg);
}

/** How this process can run apt-get: directly as root, through password-less sudo, or not at all. */
export function installer({ uid = process.getuid?.() ?? -1, canSudo = () => spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 } = {}) {
  if (uid === 0) return [];
  if (canSudo()) return ['sudo', '-n'];
  return null;
}

export function installCommand(packages) {
  return `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

function main() {
  if (process.platform !== 'linux' || process.env.OMNITILL_SKIP_SYSTEM_TOOLS === '1') return;
  const missing = missingPackages();
  if (missing.length === 0) return;
  const prefix = installer();
  if (prefix === null || !onPath('apt-get')) {
    console.error(`The tests need Debian packages this machine lacks: ${missing.join(', ')}.\nInstall them, then run npm test again:\n\n  ${installCommand(missing)}\n`);
    process.exit(1);
  }
  console.log(`Installing Debian packages the tests need: ${missing.join(' ')} (once)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => {
    const [cmd, ...rest] = [...prefix, 'apt-get', ...args];
    const result = spawnSync(cmd, rest, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0) {
      console.error(`apt-get ${args[0]} failed (exit ${result.status}). Install by hand:\n\n  ${installCommand(missing)}\n`);
      process.exit(1);
    }
  };
  run(['update', '-qq']);
  run(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  const still = missingPackages();
  if (still.length > 0) {
    console.error(`Still missing after apt-get: ${still.join(', ')}.`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
