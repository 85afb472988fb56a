import type { shiftContract } from '../../../core/shift/contract.js';
import type { Handlers } from '../rpc.js';
import { closeShift, currentShift, moveCash, startShift, xReport, type ShiftDeps } from './shift.js';

export function shiftHandlers(d: ShiftDeps, saleOpen: () => boolean): Pick<Handlers, keyof typeof shiftContract> {
  return {
    'shift.current': () => currentShift(d),
    'shift.open': ({ float }) => startShift(d, float),
    'shift.cash': ({ kind, amountMinor, reason }) => moveCash(d, kind, amountMinor, reason),
    'shift.x': () => xReport(d),
    'shift.close': ({ counted }) => closeShift(d, counted, saleOpen()),
  };
}
