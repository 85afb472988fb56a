import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Figure } from './figures.js';

/**
 * `npm run bench` runs every bench/*.bench.ts and prints a table; `-- --json` prints one JSON
 * object per figure; `-- --only NAME` runs the benchmark file or figure called NAME.
 */
interface BenchModule {
  readonly figures: readonly string[];
  default(): Promise<Figure[]>;
}

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;

const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort();
const results: Figure[] = [];
for (const file of files) {
  const base = file.replace(/\.bench\.ts$/, '');
  const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
  if (only && only !== base && !mod.figures.includes(only)) continue;
  if (!json) console.error(`running ${base}…`);
  const figures = (await mod.default()).filter((f) => !only || only === base || f.name === only);
  for (const f of figures) {
    results.push(f);
    if (json) console.log(JSON.stringify({ name: f.name, value: f.value, unit: f.unit, target: f.target, better: f.better }));
  }
}
if (only && results.length === 0) {
  console.error(`no benchmark or figure called ${only}`);
  process.exit(2);
}
if (!json) {
  const met = (f: Figure) => (f.better === 'lower' ? f.value < f.target : f.value > f.target);
  const rows = results.map((f) => [f.name, `${f.value} ${f.unit}`, `${f.better === 'lower' ? '<' : '>'} ${f.target} ${f.unit}`, met(f) ? 'met' : 'MISSED', f.note ?? '']);
  const header = ['figure', 'value', 'target', '', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r) => console.log(line(r)));
}
