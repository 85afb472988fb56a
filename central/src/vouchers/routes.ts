import { VoucherRedeemRequest, VoucherRedeemResponse, VoucherReturnRequest, VoucherReturnResponse } from '../../../core/voucher/central.js';
import type { Db } from '../db.js';
import { ApiError } from '../errors.js';
import { route, type AnyRoute } from '../routes.js';
import { redeemVoucher, returnSpend } from './ledger.js';

/** The tills' voucher calls: spend one online, and give a spend back, each exactly once per spend id. */
export function voucherRoutes(db: Db): AnyRoute[] {
  return [
    route({
      method: 'POST',
      url: '/v1/till/vouchers/redeem',
      auth: 'till',
      tag: 'till',
      summary: 'Take an amount off a store-credit voucher of this chain (partly: the rest stays); refused with the reason when it is unknown, spent or short',
      body: VoucherRedeemRequest,
      response: VoucherRedeemResponse,
      handler: async ({ body, caller }) => {
        if (caller.kind !== 'till') throw new ApiError('FORBIDDEN', 'tills only');
        return redeemVoucher(db, caller.tillId, body);
      },
    }),
    route({
      method: 'POST',
      url: '/v1/till/vouchers/return',
      auth: 'till',
      tag: 'till',
      summary: 'Give back what a spend took off a store-credit voucher (its sale did not complete), once per spend id; a spend never received is recorded as given back',
      body: VoucherReturnRequest,
      response: VoucherReturnResponse,
      handler: async ({ body, caller }) => {
        if (caller.kind !== 'till') throw new ApiError('FORBIDDEN', 'tills only');
        return (await returnSpend(db, caller.tillId, body)) ?? { returned: false as const, reason: 'unknown' as const };
      },
    }),
  ];
}
