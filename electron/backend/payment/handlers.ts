import type { paymentContract } from '../../../core/payment/contract.js';
import type { Handlers } from '../rpc.js';
import { announceCompleted, type Selling } from '../sale/handlers.js';
import type { CardPayments } from './service.js';

export function paymentHandlers(payments: CardPayments, selling: Selling): Pick<Handlers, keyof typeof paymentContract> {
  return {
    'payment.state': () => payments.state(),
    'payment.pay': async ({ cardMinor, cashTenderedMinor }) => announceCompleted(selling, await payments.pay(cardMinor, cashTenderedMinor)),
    'payment.cancel': () => payments.cancel(),
    'payment.reverse': ({ attemptId }) => payments.reverse(attemptId),
    'payment.interrupted': () => payments.interrupted(),
    'payment.resolveInterrupted': ({ attemptId }) => payments.resolveInterrupted(attemptId),
  };
}
