import type { voucherContract } from '../../../core/voucher/contract.js';
import type { Handlers } from '../rpc.js';
import { giveBackVoucher } from './giveBack.js';
import { applyVoucher, type VoucherDeps } from './spend.js';

export function voucherHandlers(d: VoucherDeps): Pick<Handlers, keyof typeof voucherContract> {
  return {
    'voucher.apply': (input) => applyVoucher(d, input),
    'voucher.remove': ({ spendId }) => giveBackVoucher(d, spendId),
  };
}
