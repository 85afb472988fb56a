import { createServer, type Server } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { CONTENT_SECURITY_POLICY } from '../core/csp.js';
import { launchChromium } from '../test/helpers/browserMode.js';
import { renderFrame } from '../test/helpers/qrFrames.js';
import { corpus, type CorpusFrame } from './qr/corpus.js';
import type { FrameOutcome } from './qr/page.js';
import { percentile, round, type Figure } from './figures.js';

/**
 * Camera QR decoding on the real path: the built renderer's camera worker (zxing-wasm, its
 * .wasm served by us under the app's CSP) in Debian's Chromium, fed 1280×720 frames of every
 * mask × error level × payload kind, clean and degraded. jsQR and @zxing/library decode the
 * same frames in a worker of their own, as reference points.
 */
export const figures = [
  'qr_decode_ms',
  'qr_decode_p95_ms',
  'qr_detect_rate_clean',
  'qr_detect_rate_degraded',
  ...['zxing_library', 'jsqr'].flatMap((ref) => [`qr_decode_ms_${ref}`, `qr_decode_p95_ms_${ref}`, `qr_detect_rate_clean_${ref}`, `qr_detect_rate_degraded_${ref}`]),
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rendererDir = join(root, 'dist', 'renderer');
const WARM_UP = 6;

async function bundle(entry: string): Promise<string> {
  const result = await build({ entryPoints: [join(root, entry)], bundle: true, format: 'esm', platform: 'browser', target: 'chrome120', write: false, logLevel: 'warning' });
  return result.outputFiles[0]!.text;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

/** Serves the bench page and its scripts, the built renderer under /app/ with the app's CSP, and the corpus frames. */
async function serve(frames: readonly CorpusFrame[]): Promise<{ server: Server; url: string }> {
  const scripts: Record<string, string> = { '/page.js': await bundle('bench/qr/page.ts'), '/ref-worker.js': await bundle('bench/qr/refWorker.ts') };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const frame = /^\/frame\/(\d+)$/.exec(path);
    if (path === '/') return res.writeHead(200, { 'Content-Type': TYPES['.html'] }).end('<!doctype html><script type="module" src="/page.js"></script>');
    if (scripts[path]) return res.writeHead(200, { 'Content-Type': TYPES['.js'] }).end(scripts[path]);
    if (frame && frames[Number(frame[1])]) return res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(renderFrame(frames[Number(frame[1])]!).pixels);
    const file = normalize(join(rendererDir, path.replace(/^\/app\//, '/')));
    if (!path.startsWith('/app/') || !file.startsWith(rendererDir + sep)) return res.writeHead(404).end();
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CONTENT_SECURITY_POLICY }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/` };
}

interface Row {
  readonly frame: CorpusFrame;
  readonly outcome: FrameOutcome;
}

function decoderFigures(rows: readonly Row[], suffix: string, pick: (o: FrameOutcome) => { ms: number; read: (text: string) => boolean }): Figure[] {
  const samples = rows.map((r) => pick(r.outcome).ms);
  const rate = (clean: boolean) => {
    const set = rows.filter((r) => (r.frame.degradation === null) === clean);
    return { hits: set.filter((r) => pick(r.outcome).read(r.frame.text)).length, of: set.length };
  };
  const clean = rate(true);
  const degraded = rate(false);
  const misses = [...new Set(rows.filter((r) => !pick(r.outcome).read(r.frame.text)).map((r) => `${r.frame.kind}/${r.frame.ecLevel}/m${r.frame.mask}/${r.frame.degradation ?? 'clean'}`))];
  const note = `${rows.length} frames 1280x720${suffix ? ', reference' : ''}`;
  const name = (base: string) => (suffix ? `${base}_${suffix}` : base);
  const pct = (r: { hits: number; of: number }) => round((100 * r.hits) / r.of, 1);
  return [
    { name: name('qr_decode_ms'), value: round(percentile(samples, 50), 2), unit: 'ms', target: 10, better: 'lower', note: `median; ${note}` },
    { name: name('qr_decode_p95_ms'), value: round(percentile(samples, 95), 2), unit: 'ms', target: 15, better: 'lower', note },
    { name: name('qr_detect_rate_clean'), value: pct(clean), unit: '%', target: 100, better: 'higher', note: `${clean.hits}/${clean.of} clean frames` },
    {
      name: name('qr_detect_rate_degraded'),
      value: pct(degraded),
      unit: '%',
      target: 98,
      better: 'higher',
      note: `${degraded.hits}/${degraded.of} degraded frames${misses.length ? `; missed ${misses.slice(0, 6).join(', ')}${misses.length > 6 ? ` and ${misses.length - 6} more` : ''}` : ''}`,
    },
  ];
}

export default async function run(): Promise<Figure[]> {
  const worker = readdirSync(join(rendererDir, 'assets')).find((f) => /^decodeWorker-.*\.js$/.test(f));
  if (!worker) throw new Error('no camera worker in dist/renderer: build first (npm run build)');
  const frames = corpus();
  const { server, url } = await serve(frames);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => 'decodeFrame' in globalThis);
    await page.evaluate((src) => (globalThis as unknown as { startBench(u: string): void }).startBench(src), `/app/assets/${worker}`);
    const decode = (index: number) => page.evaluate((i) => (globalThis as unknown as { decodeFrame(i: number): Promise<FrameOutcome> }).decodeFrame(i), index);
    for (let i = 0; i < WARM_UP; i++) await decode(i);
    const rows: Row[] = [];
    for (let i = 0; i < frames.length; i++) rows.push({ frame: frames[i]!, outcome: await decode(i) });
    if (problems.length) throw new Error(`bench page errors: ${problems.join('; ')}`);
    const wasm = decoderFigures(rows, '', (o) => ({ ms: o.wasm.decodeMs, read: (t) => o.wasm.texts.includes(t) }));
    const frameMs = rows.map((r) => r.outcome.wasm.frameMs);
    const withFrame = wasm.map((f) => (f.name === 'qr_decode_ms' ? { ...f, note: `${f.note}; with the frame's readback in the worker ${round(percentile(frameMs, 50), 2)} ms median, ${round(percentile(frameMs, 95), 2)} ms p95` } : f));
    return [
      ...withFrame,
      ...decoderFigures(rows, 'zxing_library', (o) => ({ ms: o.refs.zxingLibrary.ms, read: (t) => o.refs.zxingLibrary.text === t })),
      ...decoderFigures(rows, 'jsqr', (o) => ({ ms: o.refs.jsqr.ms, read: (t) => o.refs.jsqr.text === t })),
    ];
  } finally {
    await browser.close();
    server.close();
  }
}
