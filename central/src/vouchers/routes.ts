import { VoucherRedeemRequest, VoucherRedeemResponse } from '../../../core/voucher/central.js';
import type { Db } from '../db.js';
import { ApiError } from '../errors.js';
import { route, type AnyRoute } from '../routes.js';
import { redeemVoucher } from './ledger.js';

/** The tills' voucher calls: spend one online, exactly once per spend id. */
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
  ];
}
