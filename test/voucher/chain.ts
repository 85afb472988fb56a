import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../central/src/app.js';
import type { Db } from '../../central/src/db.js';
import type { Till } from '../../electron/backend/till.js';
import { freshPglite, seedChain, type Chain } from '../sync/fixtures.js';
import { ADMIN, openSyncTill, rpc, syncUntilQuiet } from '../sync/support.js';

/** Central on PGlite over HTTP and two tills of store S1 paired with it: T1 (`issuer`) issues vouchers, T2 (`other`) is another till of the chain. */
export interface VoucherChain {
  db: Db;
  chain: Chain;
  issuer: Till;
  other: Till;
  /** The tills' data folders: a till reopened on its folder is the same till. */
  readonly dirs: readonly [string, string];
  /** Central stops answering (the tills are offline). */
  stopCentral(): Promise<void>;
  /** Central answers again at the same address. */
  restartCentral(): Promise<void>;
}

/** Sets the chain up before the file's tests and tears it down after (the tills live through the whole file). */
export function useVoucherChain(): VoucherChain {
  let running: FastifyInstance | null = null;
  let port = 0;
  const v = {
    dirs: [mkdtempSync(join(tmpdir(), 'omnitill-voucher-')), mkdtempSync(join(tmpdir(), 'omnitill-voucher-'))] as const,
    async stopCentral() {
      port = Number(new URL(v.chain.central.url).port);
      await running?.close();
      running = null;
    },
    async restartCentral() {
      running = await buildApp({ db: v.db, adminKey: ADMIN, logger: false, lookupRateLimit: 1_000_000, pairingRateLimit: 1_000_000 });
      await running.listen({ port, host: '127.0.0.1' });
    },
  } as VoucherChain;
  beforeAll(async () => {
    v.db = await freshPglite();
    v.chain = await seedChain(v.db);
    running = v.chain.central.app;
    v.issuer = openSyncTill(v.dirs[0]);
    v.other = openSyncTill(v.dirs[1]);
    await rpc(v.issuer, 'sync.pair', { centralUrl: v.chain.central.url, pairingCode: await v.chain.central.pairingCode('T1') });
    await rpc(v.other, 'sync.pair', { centralUrl: v.chain.central.url, pairingCode: await v.chain.central.pairingCode('T2') });
    await syncUntilQuiet(v.issuer);
    await syncUntilQuiet(v.other);
  });
  afterAll(async () => {
    await v.issuer?.close();
    await v.other?.close();
    await running?.close();
    await v.db?.close();
    for (const dir of v.dirs) rmSync(dir, { recursive: true, force: true });
  });
  return v;
}

