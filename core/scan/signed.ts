import { z } from 'zod';
import { fromBase64Url, toBase64Url } from './base64url.js';

/**
 * Signed scan tokens: a promo offer (`O`) and a customer app card (`C`), issued by central,
 * verified by the till offline with the chain's Ed25519 public key. The text form is
 *
 *     OT1.<kind>.<base64url(JSON payload)>.<base64url(Ed25519 signature)>
 *
 * and the signature covers `OT1.<kind>.<payload>` (the bytes of that ASCII text), so a
 * signature made for an app card can never pass as an offer's. See core/scan/README.md.
 */
export const SIGNED_VERSION = 'OT1';
export const SIGNED_KINDS = { O: 'offer', C: 'appCard' } as const;
type KindLetter = keyof typeof SIGNED_KINDS;
export type SignedKind = (typeof SIGNED_KINDS)[KindLetter];

/** A whole token stays within a QR of version 25 at level M; anything longer is not ours. */
export const MAX_SIGNED_LENGTH = 1200;

const UnixSeconds = z.number().int().min(0).max(2 ** 32);
const Chain = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
const CustomerId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const OfferPayload = z
  .object({
    /** The promo code the offer redeems, as the ledger stores it (no dashes). */
    code: z.string().regex(/^[A-Z0-9]{3,32}$/),
    campaign: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/),
    /** Present when the offer is one customer's: the till attaches her with it. */
    customer: CustomerId.optional(),
    /** Seconds since 1970 (UTC) after which the offer is void. */
    expiry: UnixSeconds,
    /** Random, ≥ 48 bits: tells two offers of one code apart for per-till caps and duplicates. */
    nonce: z.string().regex(/^[A-Za-z0-9_-]{8,32}$/),
    chain: Chain,
  })
  .strict();
export type OfferPayload = z.infer<typeof OfferPayload>;

export const AppCardPayload = z
  .object({
    customer: CustomerId,
    chain: Chain,
    issued: UnixSeconds,
    expiry: UnixSeconds,
  })
  .strict();
export type AppCardPayload = z.infer<typeof AppCardPayload>;

const SCHEMAS = { offer: OfferPayload, appCard: AppCardPayload } as const;

export type SignedToken =
  | { readonly kind: 'offer'; readonly payload: OfferPayload; readonly signingInput: string; readonly signature: Uint8Array }
  | { readonly kind: 'appCard'; readonly payload: AppCardPayload; readonly signingInput: string; readonly signature: Uint8Array };

const TOKEN = /^OT1\.([OC])\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{86})$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodePayload(part: string): unknown {
  const bytes = fromBase64Url(part);
  if (!bytes) return undefined;
  try {
    return JSON.parse(utf8.decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The token's parts when the text has the signed form and a payload of its kind's schema;
 * null otherwise. Says nothing about the signature: `verifySigned` does.
 */
export function parseSigned(text: string): SignedToken | null {
  if (text.length > MAX_SIGNED_LENGTH) return null;
  const match = TOKEN.exec(text);
  if (!match) return null;
  const [, letter, payloadPart, signaturePart] = match as unknown as [string, KindLetter, string, string];
  const signature = fromBase64Url(signaturePart);
  if (!signature || signature.length !== 64) return null;
  const kind = SIGNED_KINDS[letter];
  const parsed = SCHEMAS[kind].safeParse(decodePayload(payloadPart));
  if (!parsed.success) return null;
  const signingInput = `${SIGNED_VERSION}.${letter}.${payloadPart}`;
  return kind === 'offer'
    ? { kind, payload: parsed.data as OfferPayload, signingInput, signature }
    : { kind, payload: parsed.data as AppCardPayload, signingInput, signature };
}

/** What central signs: `OT1.<kind>.<payload>`; the signer appends `.<signature>`. */
export function signingInputFor(kind: SignedKind, payload: OfferPayload | AppCardPayload): string {
  const letter = kind === 'offer' ? 'O' : 'C';
  const checked = SCHEMAS[kind].parse(payload);
  return `${SIGNED_VERSION}.${letter}.${toBase64Url(new TextEncoder().encode(JSON.stringify(checked)))}`;
}

export function signedToken(signingInput: string, signature: Uint8Array): string {
  return `${signingInput}.${toBase64Url(signature)}`;
}

export type VerifyFailure = 'malformed' | 'signature' | 'otherChain' | 'expired' | 'notYetValid';

export type VerifyResult = { readonly ok: true; readonly token: SignedToken } | { readonly ok: false; readonly reason: VerifyFailure };

export interface VerifyExpectation {
  /** The till's chain: a token of another chain is refused even when its signature is good. */
  readonly chain?: string;
  /** Seconds since 1970; expiry (and an app card's issue time) are checked against it. */
  readonly now?: number;
}

/** A till's clock may run a little behind central's: an app card issued "in the future" by this much still counts. */
const CLOCK_SKEW_S = 300;

/** Raw 32-byte Ed25519 public keys (the chain's current key and, while rotating, the previous one). */
export type PublicKeys = Uint8Array | readonly Uint8Array[];

async function importKey(raw: Uint8Array): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, ['verify']);
}

async function signedByAny(token: SignedToken, keys: PublicKeys): Promise<boolean> {
  const data = new TextEncoder().encode(token.signingInput);
  for (const raw of keys instanceof Uint8Array ? [keys] : keys) {
    if (raw.length !== 32) continue;
    const key = await importKey(raw);
    if (await globalThis.crypto.subtle.verify({ name: 'Ed25519' }, key, token.signature as Uint8Array<ArrayBuffer>, data)) return true;
  }
  return false;
}

/**
 * Verifies a signed token offline with WebCrypto Ed25519 (Node 20 and Chromium alike): its
 * form, its signature under one of the chain's keys, then the chain and the dates when the
 * caller says what to expect. Never throws for any input text.
 */
export async function verifySigned(text: string, publicKeys: PublicKeys, expect: VerifyExpectation = {}): Promise<VerifyResult> {
  const token = parseSigned(text);
  if (!token) return { ok: false, reason: 'malformed' };
  if (!(await signedByAny(token, publicKeys))) return { ok: false, reason: 'signature' };
  if (expect.chain !== undefined && token.payload.chain !== expect.chain) return { ok: false, reason: 'otherChain' };
  if (expect.now !== undefined) {
    if (token.payload.expiry < expect.now) return { ok: false, reason: 'expired' };
    if (token.kind === 'appCard' && token.payload.issued > expect.now + CLOCK_SKEW_S) return { ok: false, reason: 'notYetValid' };
  }
  return { ok: true, token };
}
