import { z } from 'zod';
import { ERROR_CODES } from '../errors.js';
import { adjustContract } from '../adjust/contract.js';
import { paymentContract } from '../payment/contract.js';
import { mergeParts } from '../merge.js';
import { customerContract } from '../customer/contract.js';
import { hardwareContract } from '../hardware/contract.js';
import { promoContract } from '../promo/contract.js';
import { saleContract } from '../sale/contract.js';
import { returnContract } from '../returns/contract.js';
import { noReceiptContract } from '../noreceipt/contract.js';
import { voucherContract } from '../voucher/contract.js';
import { shiftContract } from '../shift/contract.js';
import { staffContract } from '../staff/contract.js';
import { syncContract } from '../sync/contract.js';
import { tillContract } from './till.js';

export { MAX_RPC_BYTES } from './limits.js';

/**
 * The one contract between the renderer and the till backend. Both transports (Electron IPC
 * and the browser-mode WebSocket) carry `{method, input}` and answer with a Result; the
 * backend validates every input with these schemas, the renderer derives its types from them.
 * Each feature owns its methods in `core/<feature>/contract.ts`; this is where they meet.
 */
export const contract = mergeParts(tillContract, saleContract, customerContract, syncContract, hardwareContract, promoContract, staffContract, shiftContract, paymentContract, returnContract, noReceiptContract, adjustContract, voucherContract);

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export const RpcError = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type RpcError = z.infer<typeof RpcError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: RpcError };

/** What travels over a transport: a request id so answers can come back out of order. */
export const RpcRequest = z.object({ id: z.number().int(), method: z.string().max(64), input: z.unknown() });
export type RpcRequest = z.infer<typeof RpcRequest>;
export interface RpcResponse {
  id: number;
  result: Result<unknown>;
}

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** The calling side of the contract: the renderer holds one of these, whatever the transport. */
export type TillApi = { [M in Method]: (input: Input<M>) => Promise<Result<Output<M>>> };
