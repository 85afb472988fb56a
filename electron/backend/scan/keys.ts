import { fromBase64Url } from '../../../core/scan/base64url.js';
import { ScanKeysDoc } from '../../../core/sync/pull.js';
import type { TillDatabase } from '../db.js';

/**
 * The chain's scan-signing identity as the last pull delivered it (central/src/scanSigning.ts):
 * the chain id and raw Ed25519 public keys the till verifies signed offers and app cards with,
 * offline. Kept in `settings` under one key; written in the pull page's transaction.
 */
const KEY = 'scanKeys';

export interface TillScanKeys {
  readonly chain: string;
  readonly publicKeys: readonly Uint8Array[];
}

export function writeScanKeys(db: TillDatabase, keys: ScanKeysDoc): void {
  db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value <> excluded.value`).run(
    KEY,
    JSON.stringify(keys),
  );
}

/** Null until the first pull from a central that signs (or when what is stored is not a key). */
export function readScanKeys(db: TillDatabase): TillScanKeys | null {
  const value = db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(KEY) as string | undefined;
  if (value === undefined) return null;
  const doc = ScanKeysDoc.safeParse(JSON.parse(value));
  if (!doc.success) return null;
  return { chain: doc.data.chain, publicKeys: doc.data.publicKeys.map((k) => fromBase64Url(k)).filter((k): k is Uint8Array => k !== null) };
}
