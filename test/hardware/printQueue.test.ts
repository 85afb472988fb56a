import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { receiptPlainText } from '../../core/receipt/layout.js';
import { enqueueReceipt, enqueueReprint, retryPrintJob, type PrintJobView } from '../../electron/backend/hardware/printQueue.js';
import { receiptForSale } from '../../electron/backend/sale/receiptForSale.js';
import { expectedPrintedText, printedText } from './printed.js';
import { HEADER, openQueueRig, PROFILE, type QueueRig } from './queueRig.js';

let rig: QueueRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const done = (jobs: PrintJobView[]): boolean => jobs.length > 0 && jobs.every((j) => j.state === 'done');

function expectedText(r: QueueRig, saleId: string, copy = false): string {
  const receipt = receiptForSale(r.till.db, saleId, { header: HEADER, language: 'ro', timeZone: 'Europe/Chisinau' });
  return expectedPrintedText(receiptPlainText(receipt, { columns: PROFILE.columns, copy }));
}

function saleStatus(r: QueueRig, saleId: string): string {
  return (r.till.db.prepare('SELECT status FROM sales WHERE id = ?').get(saleId) as { status: string }).status;
}

/** How many times the receipt's TOTAL line reached paper: a receipt printed twice shows it twice. */
function totalsPrinted(r: QueueRig): number {
  return r.printer.decoder.receipts.flatMap((p) => p.lines).filter((l) => l.startsWith('TOTAL lei')).length;
}

describe('durable print queue', () => {
  it('prints a completed cash sale once, opening the drawer once, text letter for letter', async () => {
    rig = await openQueueRig();
    rig.queue.start();
    const { saleId } = await rig.sell(4);
    const jobs = await rig.waitForJob(saleId, done);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: 'receipt', attempts: 1, drawerOpened: true, errorCode: null });
    await rig.printer.waitFor((p) => p.receipts.length === 1);
    const [printed] = rig.printer.receipts;
    expect(printedText(printed!, PROFILE.columns)).toBe(expectedText(rig, saleId));
    expect(printed!.drawerPulses).toBe(1);
    expect(rig.printer.decoder.problems).toEqual([]);
  });

  it('refuses a second original receipt for the same sale', async () => {
    rig = await openQueueRig();
    const { saleId } = await rig.sell(1);
    const receipt = receiptForSale(rig.till.db, saleId, { header: HEADER, language: 'ro', timeZone: 'Europe/Chisinau' });
    expect(() => enqueueReceipt(rig!.till.db, receipt)).toThrow(/UNIQUE/);
    expect(rig.jobs(saleId)).toHaveLength(1);
  });

  it('paper out before the job: nothing is sent, the sale stands, it prints once when paper is loaded', async () => {
    rig = await openQueueRig();
    rig.printer.setFault('paper-out');
    rig.queue.start();
    const { saleId } = await rig.sell(2);
    const failed = await rig.waitForJob(saleId, (j) => j[0]?.state === 'failed');
    expect(failed[0]).toMatchObject({ errorCode: 'PRINTER_PAPER_OUT', attempts: 0, drawerOpened: false });
    expect(failed[0]?.retryAt).not.toBeNull();
    expect(saleStatus(rig, saleId)).toBe('completed');
    await new Promise((r) => setTimeout(r, 300));
    expect(rig.printer.decoder.receipts.flatMap((p) => p.lines)).toEqual([]);

    rig.printer.setFault('none');
    await rig.waitForJob(saleId, done);
    await rig.printer.waitFor((p) => p.receipts.length === 1);
    expect(printedText(rig.printer.receipts[0]!, PROFILE.columns)).toBe(expectedText(rig, saleId));
    expect(rig.printer.receipts[0]!.drawerPulses).toBe(1);
    expect(totalsPrinted(rig)).toBe(1);
  });

  it('paper out mid-job: the fault is reported, the printer resumes the same job, nothing doubles', async () => {
    rig = await openQueueRig();
    const faults: (string | null)[] = [];
    await rig.restartQueue({
      onEvent: (e) => {
        if (e.type === 'job' && e.job.state === 'printing') faults.push(e.job.errorCode);
      },
    });
    rig.printer.paperOutAfterBytes = 400;
    const { saleId } = await rig.sell(6);
    await rig.waitForJob(saleId, (j) => j[0]?.state === 'printing' && j[0].errorCode === 'PRINTER_PAPER_OUT');
    expect(saleStatus(rig, saleId)).toBe('completed');
    expect(rig.printer.receipts).toHaveLength(0);

    rig.printer.setFault('none');
    const jobs = await rig.waitForJob(saleId, done);
    expect(jobs[0]).toMatchObject({ attempts: 1, errorCode: null });
    expect(faults).toContain('PRINTER_PAPER_OUT');
    expect(faults.at(-1)).toBeNull();
    expect(rig.printer.receipts).toHaveLength(1);
    expect(printedText(rig.printer.receipts[0]!, PROFILE.columns)).toBe(expectedText(rig, saleId));
    expect(rig.printer.receipts[0]!.drawerPulses).toBe(1);
  });

  it('disconnect mid-job: reported, reprinted once in full when the printer is back, drawer not kicked again', async () => {
    rig = await openQueueRig();
    rig.printer.disconnectAfterBytes = 500;
    rig.queue.start();
    const { saleId } = await rig.sell(6);
    const jobs = await rig.waitForJob(saleId, done);
    expect(jobs[0]?.attempts).toBe(2);
    await rig.printer.waitFor((p) => p.receipts.length === 1);
    // The lost first attempt left a partial receipt (no cut, no total) before the complete one.
    expect(rig.printer.receipts).toHaveLength(1);
    expect(totalsPrinted(rig)).toBe(1);
    const text = printedText(rig.printer.receipts[0]!, PROFILE.columns);
    expect(text.endsWith(expectedText(rig, saleId))).toBe(true);
    expect(text.length).toBeGreaterThan(expectedText(rig, saleId).length);
    expect(rig.printer.decoder.receipts.reduce((n, p) => n + p.drawerPulses, 0)).toBe(1);
  });

  it('slow printer: the sale completes at once, the receipt prints once when the printer gets through it', async () => {
    rig = await openQueueRig();
    rig.printer.bytesPerSecond = 4000;
    rig.queue.start();
    const started = performance.now();
    const { saleId } = await rig.sell(8);
    expect(performance.now() - started).toBeLessThan(500);
    expect(saleStatus(rig, saleId)).toBe('completed');
    expect(rig.jobs(saleId)[0]?.state).not.toBe('done');
    await rig.waitForJob(saleId, done);
    expect(rig.printer.receipts).toHaveLength(1);
    expect(printedText(rig.printer.receipts[0]!, PROFILE.columns)).toBe(expectedText(rig, saleId));
  });

  it('a hung printer times out before anything is sent and prints once when it answers again', async () => {
    rig = await openQueueRig();
    rig.printer.unresponsive = true;
    rig.queue.start();
    const { saleId } = await rig.sell(2);
    const failed = await rig.waitForJob(saleId, (j) => j[0]?.state === 'failed');
    expect(failed[0]).toMatchObject({ errorCode: 'PRINTER_TIMEOUT', attempts: 0 });
    rig.printer.unresponsive = false;
    await rig.waitForJob(saleId, done);
    await rig.printer.waitFor((p) => p.receipts.length === 1);
    expect(totalsPrinted(rig)).toBe(1);
  });

  it('an unreachable printer is an error code, and the job prints when it is reachable', async () => {
    rig = await openQueueRig();
    let port = 1;
    await rig.restartQueue({
      printer: () => ({ connection: { kind: 'tcp', host: '127.0.0.1', port }, profile: PROFILE }),
    });
    const { saleId } = await rig.sell(1);
    const failed = await rig.waitForJob(saleId, (j) => j[0]?.state === 'failed');
    expect(failed[0]?.errorCode).toBe('PRINTER_UNREACHABLE');
    port = rig.port;
    await rig.waitForJob(saleId, done);
    expect(rig.printer.receipts).toHaveLength(1);
  });

  it('no printer set up: the job waits with PRINTER_NOT_CONFIGURED and the sale stands', async () => {
    rig = await openQueueRig({ printer: () => null });
    rig.queue.start();
    const { saleId } = await rig.sell(1);
    const failed = await rig.waitForJob(saleId, (j) => j[0]?.state === 'failed');
    expect(failed[0]?.errorCode).toBe('PRINTER_NOT_CONFIGURED');
    expect(saleStatus(rig, saleId)).toBe('completed');
  });

  it('a manual reprint is marked COPIE and never opens the drawer', async () => {
    rig = await openQueueRig();
    rig.queue.start();
    const { saleId } = await rig.sell(2);
    await rig.waitForJob(saleId, done);
    enqueueReprint(rig.till.db, saleId);
    rig.queue.kick();
    const jobs = await rig.waitForJob(saleId, (j) => j.length === 2 && done(j));
    expect(jobs.map((j) => j.kind)).toEqual(['receipt', 'reprint']);
    await rig.printer.waitFor((p) => p.receipts.length === 2);
    const copy = rig.printer.receipts[1]!;
    const text = printedText(copy, PROFILE.columns);
    expect(text).toBe(expectedText(rig, saleId, true));
    expect(text.split('\n')[0]?.trim()).toBe('*** COPIE ***');
    expect(copy.drawerPulses).toBe(0);
  });
});

function spawnWorker(file: string, port: number): Promise<{ kill: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'printWorker.ts'), file, String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('READY')) {
        resolve({
          kill: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGKILL');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`print worker exited (${code}): ${err}`)));
  });
}

describe('print queue across a crash', () => {
  it('killed before the job reached the printer: resumes after restart and prints once', async () => {
    rig = await openQueueRig();
    rig.printer.unresponsive = true;
    const { saleId } = await rig.sell(3);
    const worker = await spawnWorker(rig.till.file, rig.port);
    await rig.waitForJob(saleId, (j) => j[0]?.state === 'printing');
    await worker.kill();
    expect(rig.jobs(saleId)[0]).toMatchObject({ state: 'printing', attempts: 0 });

    rig.printer.unresponsive = false;
    rig.queue.start();
    await rig.waitForJob(saleId, done);
    await rig.printer.waitFor((p) => p.receipts.length === 1);
    expect(totalsPrinted(rig)).toBe(1);
    expect(rig.printer.receipts[0]!.drawerPulses).toBe(1);
    expect(saleStatus(rig, saleId)).toBe('completed');
  });

  it('killed after every byte went out: never printed again on its own, staff can print a copy', async () => {
    rig = await openQueueRig();
    rig.printer.bytesPerSecond = 1500;
    const { saleId } = await rig.sell(6);
    const worker = await spawnWorker(rig.till.file, rig.port);
    const sent = (): boolean => (rig!.till.db.prepare('SELECT sent_at FROM print_jobs WHERE sale_id = ?').get(saleId) as { sent_at: string | null }).sent_at !== null;
    await rig.waitForJob(saleId, () => sent());
    await worker.kill();

    rig.queue.start();
    const jobs = await rig.waitForJob(saleId, (j) => j[0]?.state === 'failed');
    expect(jobs[0]).toMatchObject({ errorCode: 'PRINT_JOB_UNCONFIRMED', retryAt: null, drawerOpened: true });
    // The printer still had the whole job and finishes it: exactly one original on paper.
    await rig.printer.waitFor((p) => p.receipts.length === 1);
    await rig.queue.idle();
    expect(totalsPrinted(rig)).toBe(1);
    expect(printedText(rig.printer.receipts[0]!, PROFILE.columns)).toBe(expectedText(rig, saleId));

    rig.printer.bytesPerSecond = 0;
    enqueueReprint(rig.till.db, saleId);
    rig.queue.kick();
    await rig.waitForJob(saleId, (j) => j[1]?.state === 'done');
    await rig.printer.waitFor((p) => p.receipts.length === 2);
    expect(rig.printer.receipts[1]!.lines[0]?.trim()).toBe('*** COPIE ***');
    expect(rig.printer.decoder.receipts.reduce((n, p) => n + p.drawerPulses, 0)).toBe(1);
    expect(rig.jobs(saleId)[0]?.state).toBe('failed');
    retryPrintJob(rig.till.db, rig.jobs(saleId)[0]!.id);
    expect(rig.jobs(saleId)[0]?.state).toBe('pending');
  });
});
