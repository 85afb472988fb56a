import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Figure } from './figures.js';

/**
 * `npm run bench` runs every bench/*.bench.ts and prints a table; `-- --json` prints one JSON
 * object per figure; `-- --only NAME` runs the benchmark file or figure called NAME. Each file
 * runs in a process of its own, so one benchmark's memory and warm caches never count in another's.
 */
interface BenchModule {
  readonly figures: readonly string[];
  default(): Promise<Figure[]>;
}

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

/** In a child: run one file and hand its figures back as one JSON line on stdout. */
async function runModule(file: string): Promise<void> {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
  console.log(JSON.stringify(await mod.default()));
}

async function main(): Promise<void> {
  const json = args.includes('--json');
  const only = option('--only');
  const results: Figure[] = [];
  for (const file of readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort()) {
    const base = file.replace(/\.bench\.ts$/, '');
    const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
    if (only && only !== base && !mod.figures.includes(only)) continue;
    if (!json) console.error(`running ${base}…`);
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--module', file], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`benchmark ${base} failed (exit ${child.status})`);
    const figures = (JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as Figure[]).filter((f) => !only || only === base || f.name === only);
    for (const f of figures) {
      results.push(f);
      if (json) console.log(JSON.stringify({ name: f.name, value: f.value, unit: f.unit, target: f.target, better: f.better }));
    }
  }
  if (only && results.length === 0) {
    console.error(`no benchmark or figure called ${only}`);
    process.exit(2);
  }
  if (!json) printTable(results);
}

function printTable(results: readonly Figure[]): void {
  // A rate reaches its target at the target itself (100 % of clean frames read is met).
  const met = (f: Figure) => (f.better === 'lower' ? f.value < f.target : f.value >= f.target);
  const rows = results.map((f) => [f.name, `${f.value} ${f.unit}`, `${f.better === 'lower' ? '<' : '≥'} ${f.target} ${f.unit}`, met(f) ? 'met' : 'MISSED', f.note ?? '']);
  const header = ['figure', 'value', 'target', '', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r) => console.log(line(r)));
}

const moduleFile = option('--module');
await (moduleFile ? runModule(moduleFile) : main());
