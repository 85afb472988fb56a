import type { voucherContract } from '../../../core/voucher/contract.js';
import type { Handlers } from '../rpc.js';
import { applyVoucher, type VoucherDeps } from './spend.js';

export function voucherHandlers(d: VoucherDeps): Pick<Handlers, keyof typeof voucherContract> {
  return {
    'voucher.apply': (input) => applyVoucher(d, input),
  };
}
