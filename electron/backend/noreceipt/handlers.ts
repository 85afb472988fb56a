import type { noReceiptContract } from '../../../core/noreceipt/contract.js';
import type { Handlers } from '../rpc.js';
import { commitNoReceipt, type NoReceiptDeps } from './commit.js';

export function noReceiptHandlers(d: NoReceiptDeps): Pick<Handlers, keyof typeof noReceiptContract> {
  return {
    'return.noReceiptPolicy': () => ({ ...d.settings.noReceiptReturns, currency: d.settings.currency }),
    'return.noReceipt': (request) => commitNoReceipt(d, request),
  };
}
