import { z } from 'zod';
import { TillError, isTillError } from '../../core/errors.js';
import { errorMessage, type Language } from '../../core/i18n/index.js';
import { contract, isMethod, type Method, type Output, type ParsedInput, type Result, type RpcError } from '../../core/rpc/contract.js';

/** Sale handlers answer synchronously (one SQLite writer); hardware handlers may wait on a device. */
export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>> };

export interface RpcLogger {
  error(details: Record<string, unknown>, message: string): void;
}

/**
 * Turns `{method, input}` from any transport into a Result: unknown methods and inputs that
 * fail the contract's schema are refused before a handler runs; a TillError becomes its code
 * and translated message; anything else is logged and reported as INTERNAL, never thrown at
 * the transport.
 */
export function createDispatcher(handlers: Handlers, language: () => Language, log: RpcLogger) {
  function failure(e: TillError): { ok: false; error: RpcError } {
    return { ok: false, error: { code: e.code, message: errorMessage(language(), e.code, e.params), params: e.params } };
  }

  // Validation and the handler's synchronous part run before the first await, so calls are
  // applied in the order they arrive, whatever the transport.
  return async function dispatch(method: string, input: unknown): Promise<Result<unknown>> {
    if (!isMethod(method)) return failure(new TillError('RPC_UNKNOWN_METHOD', { method: method.slice(0, 64) }));
    const parsed = contract[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      return failure(new TillError('INPUT_INVALID', { detail: z.prettifyError(parsed.error).slice(0, 300) }));
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (e) {
      if (isTillError(e)) return failure(e);
      log.error({ method, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'rpc handler failed');
      return failure(new TillError('INTERNAL'));
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
