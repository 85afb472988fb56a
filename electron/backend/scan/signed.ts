import { TillError } from '../../../core/errors.js';
import { verifySigned, type AppCardPayload, type OfferPayload, type VerifyFailure } from '../../../core/scan/signed.js';
import type { ScanErrorCode } from '../../../core/scan/errors.js';
import type { TillDatabase } from '../db.js';
import { readScanKeys } from './keys.js';

/**
 * A scanned signed token (an OT1 offer or app card) checked offline: the chain's key from the
 * last pull, the chain id, the dates by the till's clock. Anything else is a coded error the
 * cashier reads; nothing of the token is echoed back.
 */
export type VerifiedScan = { readonly kind: 'offer'; readonly offer: OfferPayload; readonly text: string } | { readonly kind: 'appCard'; readonly card: AppCardPayload };

const FAILURE: Record<Exclude<VerifyFailure, 'expired'>, ScanErrorCode> = {
  malformed: 'SCAN_SIGNED_TAMPERED',
  signature: 'SCAN_SIGNED_TAMPERED',
  otherChain: 'SCAN_SIGNED_OTHER_CHAIN',
  notYetValid: 'SCAN_SIGNED_CLOCK',
};

export async function verifyScanned(db: TillDatabase, text: string, now: Date): Promise<VerifiedScan> {
  const keys = readScanKeys(db);
  if (!keys || keys.publicKeys.length === 0) throw new TillError('SCAN_SIGNED_NO_KEY');
  const result = await verifySigned(text, keys.publicKeys, { chain: keys.chain, now: Math.floor(now.getTime() / 1000) });
  if (!result.ok) {
    if (result.reason !== 'expired') throw new TillError(FAILURE[result.reason]);
    throw new TillError(text.startsWith('OT1.C.') ? 'SCAN_CARD_EXPIRED' : 'SCAN_OFFER_EXPIRED');
  }
  return result.token.kind === 'offer' ? { kind: 'offer', offer: result.token.payload, text } : { kind: 'appCard', card: result.token.payload };
}
