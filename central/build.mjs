// Bundles the service into central/dist/main.js with core/ inlined and npm packages left
// external (they come from central's own package.json), and copies the migrations beside it,
// so central/ deploys alone: `node central/build.mjs && node central/dist/main.js`. The console's
// pages (React, central/console/) are built by Vite into dist/console, served by the same process.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));
// `--out DIR` builds elsewhere (a test's own copy, so it never deletes a dist/ another process runs from).
const outAt = process.argv.indexOf('--out');
const dist = outAt > 0 && process.argv[outAt + 1] ? resolve(process.argv[outAt + 1]) : `${here}dist`;
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [`${here}src/main.ts`],
  outfile: `${dist}/main.js`,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
cpSync(`${here}../migrations/central`, `${dist}/migrations`, { recursive: true });
await viteBuild({ configFile: `${here}console/vite.config.ts`, logLevel: 'warn', build: { outDir: `${dist}/console` } });
console.log(`built ${dist}/main.js`);
