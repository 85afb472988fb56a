// Builds what the app runs: the renderer (Vite) into dist/renderer, and the Node side
// (browser-mode server, Electron main, preload and backend utility process) with esbuild
// into dist/. Skips a part whose inputs have not changed since its last build.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');

function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const entry of readdirSync(p)) visit(join(p, entry));
    else newest = Math.max(newest, s.mtimeMs);
  };
  paths.forEach((p) => visit(join(root, p)));
  return newest;
}

function stale(output, inputs) {
  const out = join(root, output);
  return force || !existsSync(out) || statSync(out).mtimeMs < newestMtime([...inputs, 'package.json', 'scripts/build.mjs']);
}

const nodeInputs = ['core', 'electron', 'native'];

if (stale('dist/renderer/index.html', ['renderer', 'core'])) {
  await viteBuild({ configFile: join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
}

if (stale('dist/backend/browser.mjs', nodeInputs)) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    // Our code is bundled; npm packages (native ones among them) load from node_modules at run time.
    packages: 'external',
  };
  await esbuild({
    ...common,
    format: 'esm',
    entryPoints: {
      'backend/browser': 'electron/backend/browserMain.ts',
      'backend/utility': 'electron/backend/utilityMain.ts',
      'electron/main': 'electron/main/main.ts',
    },
    outdir: join(root, 'dist'),
    outExtension: { '.js': '.mjs' },
    absWorkingDir: root,
  });
  // Sandboxed preloads must be CommonJS.
  await esbuild({
    ...common,
    format: 'cjs',
    entryPoints: { 'electron/preload': 'electron/main/preload.ts', 'electron/displayPreload': 'electron/main/displayPreload.ts' },
    outdir: join(root, 'dist'),
    outExtension: { '.js': '.cjs' },
    absWorkingDir: root,
  });
}
