// Bundles the service into central/dist/main.js with core/ inlined and npm packages left
// external (they come from central's own package.json), and copies the migrations beside it,
// so central/ deploys alone: `node central/build.mjs && node central/dist/main.js`. The console's
// pages (React, central/console/) are built by Vite into dist/console, served by the same process.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = `${here}dist`;
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
await viteBuild({ configFile: `${here}console/vite.config.ts`, logLevel: 'warn' });
console.log(`built ${dist}/main.js`);
