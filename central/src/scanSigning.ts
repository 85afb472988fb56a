import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { signedToken, signingInputFor, type AppCardPayload, type OfferPayload, type SignedKind } from '../../core/scan/signed.js';

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
