import { withCheckDigit } from '../../core/scan/barcode.js';
import { promoCodeCheckCharacter } from '../../core/scan/promoCode.js';
import { scanSigningKeysFromSeed, signScanToken } from '../../central/src/scanSigning.js';
import { DEGRADATIONS, EC_LEVELS, MASKS, type FrameSpec } from '../../test/helpers/qrFrames.js';

/**
 * The QR corpus of the camera benchmark: every payload kind the till reads from a phone or a
 * label, at every mask and error-correction level, once clean and once degraded (the
 * degradations taken in turn). Deterministic: fixed payloads, a fixed signing seed, a seed
 * per frame.
 */
const keys = scanSigningKeysFromSeed(new Uint8Array(32).fill(7));
const code = (prefix: string, body: string): string => `${prefix}${body}${promoCodeCheckCharacter(body)}`;
const spring = code('SPRING', '7Q2X9K4MR');

export const PAYLOADS: Readonly<Record<string, string>> = {
  promoCode: spring,
  promoLink: `https://shop.example.md/p/${spring}?utm_source=stream&utm_campaign=spring`,
  signedOffer: signScanToken(
    'offer',
    { code: spring, campaign: 'spring-2026', customer: '01JQ3Z5X8M4K2N7P9R1T6V0W3Y', expiry: 1_798_761_599, nonce: 'q8Xr2LmT0vBz', chain: 'omnitill-demo' },
    keys.privateKeyPem,
  ),
  appCard: signScanToken('appCard', { customer: '01JQ3Z5X8M4K2N7P9R1T6V0W3Y', chain: 'omnitill-demo', issued: 1_767_225_600, expiry: 1_798_761_599 }, keys.privateKeyPem),
  gs1: `01${withCheckDigit('0460701234567')}21${"5MqKG9'VN,uJb"}\u001d91EE10\u001d92${'dGhpcyBpcyBhIGNyeXB0byB0YWlsIG9mIDQ0IGNoYXJz'}`,
};

export interface CorpusFrame extends FrameSpec {
  readonly kind: string;
}

export function corpus(): CorpusFrame[] {
  const frames: CorpusFrame[] = [];
  let n = 0;
  for (const [kind, text] of Object.entries(PAYLOADS)) {
    for (const ecLevel of EC_LEVELS) {
      for (const mask of MASKS) {
        frames.push({ kind, text, ecLevel, mask, degradation: null, seed: 1000 + n });
        frames.push({ kind, text, ecLevel, mask, degradation: DEGRADATIONS[n % DEGRADATIONS.length]!, seed: 5000 + n });
        n++;
      }
    }
  }
  return frames;
}
