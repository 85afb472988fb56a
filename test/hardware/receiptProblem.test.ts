import { describe, expect, it } from 'vitest';
import type { PrintJobView } from '../../core/hardware/hardware.js';
import { indicatorJob, jobReason, receiptPrint, receiptProblem } from '../../renderer/src/hardware/useHardware.js';

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

/** One source of truth for the printer's messages (issue 14, item 7): the note, the indicator and the jobs list all read the print jobs. */
const noPrinter = { state: 'failed', errorCode: 'PRINTER_NOT_CONFIGURED', retryAt: '2026-12-04T10:01:00.000Z' } as const;

describe('where a sale’s receipt is', () => {
  it('a copy asked for while no printer is set up is not “printing”: it waits behind the failed receipt, with its reason', () => {
    const original = job('1', 'A', noPrinter);
    const copy = job('2', 'A', { kind: 'reprint' });
    expect(receiptPrint([original, copy], 'A')).toEqual({ state: 'problem', job: { ...copy, errorCode: 'PRINTER_NOT_CONFIGURED', errorDetail: null } });
    // …and when the copy itself fails, the same reason, from the copy.
    const failedCopy = job('2', 'A', { ...noPrinter, kind: 'reprint' });
    expect(receiptProblem([original, failedCopy], 'A')).toEqual(failedCopy);
  });

  it('a copy the printer is printing is “printing”, whatever an earlier attempt said', () => {
    const givenUp = job('1', 'A', { state: 'failed', errorCode: 'PRINTER_OFFLINE' });
    expect(receiptPrint([givenUp, job('2', 'A', { kind: 'reprint', state: 'printing' })], 'A')).toEqual({ state: 'printing', copy: true });
    expect(receiptPrint([job('1', 'A', { state: 'printing' })], 'A')).toEqual({ state: 'printing', copy: false });
  });

  it('once a copy printed, the failed original no longer says the receipt did not print', () => {
    const givenUp = job('1', 'A', { state: 'failed', errorCode: 'PRINTER_OFFLINE' });
    expect(receiptPrint([givenUp], 'A', '2026-12-04T10:00:02.000Z')).toEqual({ state: 'none' });
    // A copy printed before a newer failure does not hide it.
    expect(receiptPrint([job('3', 'A', noPrinter)], 'A', '2026-12-04T10:00:02.000Z')).toMatchObject({ state: 'problem' });
    expect(receiptPrint([], 'A')).toEqual({ state: 'none' });
    expect(receiptPrint([givenUp], null)).toEqual({ state: 'none' });
  });

  it('every job waiting behind a stuck one shows the reason it waits, not only the first', () => {
    const stuck = job('1', 'A', noPrinter);
    const second = job('2', 'B');
    const third = job('3', 'C');
    for (const waiting of [second, third]) expect(jobReason([stuck, second, third], waiting)).toMatchObject({ errorCode: 'PRINTER_NOT_CONFIGURED' });
    expect(jobReason([job('1', 'A', { state: 'printing' }), second], second)).toMatchObject({ errorCode: null });
    expect(jobReason([stuck], stuck)).toBe(stuck);
  });
});

describe('the printer indicator’s life', () => {
  it('goes with the next sale’s first item, and after a restart comes back only for a receipt that may have printed', () => {
    const failed = receiptPrint([job('1', 'A', noPrinter)], 'A');
    expect(indicatorJob(failed, false, false)).toMatchObject({ id: '1' });
    expect(indicatorJob(failed, true, false)).toBeUndefined();
    expect(indicatorJob(failed, false, true)).toBeUndefined();
    const unconfirmed = receiptPrint([job('1', 'A', { state: 'failed', errorCode: 'PRINT_JOB_UNCONFIRMED' })], 'A');
    expect(indicatorJob(unconfirmed, false, true)).toMatchObject({ errorCode: 'PRINT_JOB_UNCONFIRMED' });
    expect(indicatorJob(unconfirmed, true, true)).toBeUndefined();
    expect(indicatorJob(receiptPrint([job('1', 'A', { state: 'printing' })], 'A'), false, false)).toBeUndefined();
  });
});
