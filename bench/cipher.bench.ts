import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMigrations, migrate, type TillDatabase } from '../electron/backend/db.js';
import { applyKey, newDatabaseKey } from '../electron/backend/dbCipher.js';
import { createSaleService } from '../electron/backend/sale/sale.js';
import { seedDemo } from '../electron/backend/seed.js';
import { readSettings } from '../electron/backend/settings.js';
import { percentile, round, type Figure } from './figures.js';

/**
 * What encryption at rest costs: the same work on a plain and on an encrypted till database,
 * side by side in one process (the till itself only ever opens encrypted ones). The bulk write
 * is what an initial sync does to the till (pages of products and customers, FTS included); the
 * commit is a sale's completion through the sale service, synchronous=FULL.
 */
export const figures = [
  'cipher_sale_commit_p99_plain',
  'cipher_sale_commit_p99',
  'cipher_sale_commit_overhead',
  'cipher_bulk_write_plain',
  'cipher_bulk_write',
  'cipher_bulk_write_overhead',
];

const PRODUCTS = 20_000;
const CUSTOMERS = 200_000;
const SALES = 400;

type Mode = 'plain' | 'encrypted';

/** Opens a database the way openTillDatabase does, with or without the key. */
function open(file: string, mode: Mode): TillDatabase {
  const db = new Database(file);
  if (mode === 'encrypted') applyKey(db, newDatabaseKey());
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db, loadMigrations());
  return db;
}

function run(mode: Mode): { bulkSeconds: number; commits: number[] } {
  const dir = mkdtempSync(join(tmpdir(), `omnitill-cipher-${mode}-`));
  try {
    const db = open(join(dir, 'till.sqlite'), mode);
    const started = performance.now();
    seedDemo(db, { products: PRODUCTS, customers: CUSTOMERS });
    db.pragma('wal_checkpoint(TRUNCATE)');
    const bulkSeconds = (performance.now() - started) / 1000;
    const sales = createSaleService(db, readSettings(db));
    const codes = (db.prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) WHERE p.sold_by = 'unit' LIMIT 2000`).all() as { code: string }[]).map((r) => r.code);
    const commits: number[] = [];
    for (let i = 0; i < SALES; i++) {
      for (let j = 0; j < 4; j++) sales.scan(codes[(i * 4 + j) % codes.length] as string);
      const t = performance.now();
      sales.pay(1_000_000_00);
      commits.push(performance.now() - t);
    }
    db.close();
    return { bulkSeconds, commits };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function cipherBench(): Promise<Figure[]> {
  // Alternated, so neither mode always runs on a colder or warmer machine.
  const results: Record<Mode, { bulk: number[]; commits: number[] }> = { plain: { bulk: [], commits: [] }, encrypted: { bulk: [], commits: [] } };
  for (const mode of ['plain', 'encrypted', 'encrypted', 'plain'] as const) {
    const r = run(mode);
    results[mode].bulk.push(r.bulkSeconds);
    results[mode].commits.push(...r.commits);
  }
  const commitP99 = (mode: Mode) => percentile(results[mode].commits, 99);
  const bulk = (mode: Mode) => Math.min(...results[mode].bulk);
  const overhead = (plain: number, encrypted: number) => round(((encrypted - plain) / plain) * 100, 1);
  const sizes = `${PRODUCTS / 1000}k products, ${CUSTOMERS / 1000}k customers`;
  return [
    { name: 'cipher_sale_commit_p99_plain', value: round(commitP99('plain'), 2), unit: 'ms', target: 10, better: 'lower', note: `${2 * SALES} sales of 4 lines, plain SQLite, median ${round(percentile(results.plain.commits, 50), 2)} ms` },
    { name: 'cipher_sale_commit_p99', value: round(commitP99('encrypted'), 2), unit: 'ms', target: 10, better: 'lower', note: `the same, encrypted (AEGIS-256), median ${round(percentile(results.encrypted.commits, 50), 2)} ms` },
    { name: 'cipher_sale_commit_overhead', value: overhead(commitP99('plain'), commitP99('encrypted')), unit: '%', target: 25, better: 'lower', note: 'encrypted p99 against plain p99' },
    { name: 'cipher_bulk_write_plain', value: round(bulk('plain'), 2), unit: 's', target: 60, better: 'lower', note: `${sizes} written in batches as a sync does, plain, best of 2` },
    { name: 'cipher_bulk_write', value: round(bulk('encrypted'), 2), unit: 's', target: 60, better: 'lower', note: `the same, encrypted, best of 2` },
    { name: 'cipher_bulk_write_overhead', value: overhead(bulk('plain'), bulk('encrypted')), unit: '%', target: 25, better: 'lower', note: 'encrypted bulk write against plain' },
  ];
}
