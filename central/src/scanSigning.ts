import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { signedToken, signingInputFor, type AppCardPayload, type OfferPayload, type SignedKind } from '../../core/scan/signed.js';
import type { ScanKeysDoc } from '../../core/sync/pull.js';
import type { Queryable } from './db.js';
import { randomChars } from './secrets.js';

/**
 * Central's half of the signed scan tokens (core/scan/signed.ts): the chain's Ed25519 key
 * and the signer. Tills get only the raw 32-byte public key and verify offline.
 */
export interface ScanSigningKeys {
  /** PKCS#8 PEM: stays on central. */
  readonly privateKeyPem: string;
  /** Raw 32 bytes: what a till is given. */
  readonly publicKey: Uint8Array;
}

export function newScanSigningKeys(): ScanSigningKeys {
  const { privateKey } = generateKeyPairSync('ed25519');
  const privateKeyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { privateKeyPem, publicKey: rawPublicKey(privateKey) };
}

/** PKCS#8 DER of an Ed25519 private key is this prefix and the 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The keys grown from a 32-byte seed: a chain's key kept as a secret, or a test's fixed key. */
export function scanSigningKeysFromSeed(seed: Uint8Array): ScanSigningKeys {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return { privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicKey: rawPublicKey(privateKey) };
}

export function rawPublicKey(privateKey: KeyObject | string): Uint8Array {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x as string, 'base64url'));
}

export function signScanToken(kind: 'offer', payload: OfferPayload, privateKeyPem: string): string;
export function signScanToken(kind: 'appCard', payload: AppCardPayload, privateKeyPem: string): string;
export function signScanToken(kind: SignedKind, payload: OfferPayload | AppCardPayload, privateKeyPem: string): string {
  const input = signingInputFor(kind, payload);
  const signature = sign(null, Buffer.from(input, 'ascii'), createPrivateKey(privateKeyPem));
  return signedToken(input, new Uint8Array(signature));
}

/** The chain's signing identity as central keeps it: its chain id (in every token) and its keys. */
export interface ChainScanKeys extends ScanSigningKeys {
  readonly chain: string;
}

const SEED_KEY = 'scan_signing_seed';
const CHAIN_KEY = 'chain_id';

/**
 * The chain's Ed25519 scan-signing key and chain id, kept in `central_meta`: created by the
 * first central that asks (a random 32-byte seed, a random chain id), read by every later one,
 * so restarts and every API node sign with the same key. Two nodes starting at once both insert
 * and keep whichever landed first. Only the raw public key ever leaves central (the pull).
 */
export async function loadChainScanKeys(db: Queryable): Promise<ChainScanKeys> {
  await db.query(`INSERT INTO central_meta (key, value) VALUES ($1, $2), ($3, $4) ON CONFLICT (key) DO NOTHING`, [
    SEED_KEY,
    randomBytes(32).toString('hex'),
    CHAIN_KEY,
    `chain-${randomChars(10).toLowerCase()}`,
  ]);
  const { rows } = await db.query<{ key: string; value: string }>(`SELECT key, value FROM central_meta WHERE key IN ($1, $2)`, [SEED_KEY, CHAIN_KEY]);
  const value = (key: string) => rows.find((r) => r.key === key)?.value ?? '';
  const seed = Buffer.from(value(SEED_KEY), 'hex');
  return { chain: value(CHAIN_KEY), ...scanSigningKeysFromSeed(new Uint8Array(seed)) };
}

/** Loads the keys once per process; a failed load (database down) is retried by the next caller. */
export function chainScanKeysOf(db: Queryable): () => Promise<ChainScanKeys> {
  let loading: Promise<ChainScanKeys> | null = null;
  return () => {
    loading ??= loadChainScanKeys(db).catch((e: unknown) => {
      loading = null;
      throw e;
    });
    return loading;
  };
}

/** What a till is given: the chain id and the raw public key (base64url), never the private key. */
export function scanKeysDoc(keys: ChainScanKeys): ScanKeysDoc {
  return { chain: keys.chain, publicKeys: [Buffer.from(keys.publicKey).toString('base64url')] };
}
