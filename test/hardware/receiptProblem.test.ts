import { describe, expect, it } from 'vitest';
import type { PrintJobView } from '../../core/hardware/hardware.js';
import { receiptProblem } from '../../renderer/src/hardware/useHardware.js';

function job(id: string, saleId: string | null, over: Partial<PrintJobView> = {}): PrintJobView {
  return {
    id,
    saleId,
    kind: 'receipt',
    state: 'pending',
    attempts: 0,
    errorCode: null,
    errorDetail: null,
    retryAt: null,
    createdAt: `2026-12-04T10:00:0${id}.000Z`,
    doneAt: null,
    drawerOpened: false,
    ...over,
  };
}

describe('the printer indicator', () => {
  it('shows the last sale’s own failed receipt', () => {
    const failed = job('2', 'B', { state: 'failed', errorCode: 'PRINTER_PAPER_OUT', retryAt: '2026-12-04T10:00:09.000Z' });
    expect(receiptProblem([job('1', 'A', { state: 'failed', errorCode: 'PRINTER_OFFLINE' }), failed], 'B')).toEqual(failed);
  });

  it('shows a receipt waiting behind a copy the printer is stuck on, with the copy’s fault', () => {
    const stuck = job('1', 'A', { kind: 'reprint', state: 'printing', errorCode: 'PRINTER_PAPER_OUT', errorDetail: 'out of paper' });
    const problem = receiptProblem([stuck, job('2', 'B')], 'B');
    expect(problem).toMatchObject({ id: '2', saleId: 'B', state: 'pending', errorCode: 'PRINTER_PAPER_OUT', errorDetail: 'out of paper' });
  });

  it('stays quiet while the receipt simply waits its turn, or when the trouble is behind it or given up on', () => {
    expect(receiptProblem([job('1', 'A', { state: 'printing' }), job('2', 'B')], 'B')).toBeUndefined();
    expect(receiptProblem([job('1', 'A', { state: 'failed', errorCode: 'PRINTER_OFFLINE' }), job('2', 'B')], 'B')).toBeUndefined();
    expect(receiptProblem([job('2', 'B'), job('3', 'C', { state: 'printing', errorCode: 'PRINTER_PAPER_OUT' })], 'B')).toBeUndefined();
    expect(receiptProblem([job('1', 'A', { state: 'printing', errorCode: 'PRINTER_PAPER_OUT' })], null)).toBeUndefined();
  });
});
