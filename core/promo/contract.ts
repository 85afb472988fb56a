import { z } from 'zod';
import { SaleView } from '../sale/contract.js';
import { MAX_SCAN_CHARS } from '../scan/resolve.js';

/**
 * The promo code box's RPC methods. The input takes anything a scanner or a paste can hand
 * over (up to a scan's length) so that garbage gets the promo's own clear error, not a schema
 * dump; the handler reads the code case- and separator-insensitively.
 */
const CodeInput = z.object({ code: z.string().max(MAX_SCAN_CHARS) }).strict();

export const promoContract = {
  /** A typed or scanned code onto the open sale (one is opened if none is): applied, kept until the basket allows it, or refused with its reason. */
  'promo.enterCode': { input: CodeInput, output: SaleView },
  /** Takes an entered code off the sale. */
  'promo.removeCode': { input: CodeInput, output: SaleView },
} as const;
