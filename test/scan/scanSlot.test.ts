import { describe, expect, it } from 'vitest';
import type { TillApi } from '../../core/rpc/contract.js';
import { createScanSlot } from '../../renderer/src/scan/useScanTarget.js';

/** A backend that records every `scan.target` it is told; `fail` makes the next one fail in transit. */
function fakeApi() {
  const told: string[] = [];
  let fail = false;
  const api = {
    'scan.target': ({ target }: { target: string }) => {
      if (fail) {
        fail = false;
        return Promise.reject(new Error('disconnected'));
      }
      told.push(target);
      return Promise.resolve({ ok: true, value: { target } });
    },
  } as unknown as TillApi;
  return { api, told, failNext: () => (fail = true) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the scan slot: one place a screen claims the scans, and the backend told where they go', () => {
  it('a claim routes scans to the screen and tells the backend; a release gives them back to the sale', async () => {
    const { api, told } = fakeApi();
    const slot = createScanSlot(api);
    expect(slot.current).toBeNull();
    const taken: string[] = [];
    slot.claim((code) => taken.push(code) > 0);
    expect(slot.current?.('OTR1:X')).toBe(true);
    expect(taken).toEqual(['OTR1:X']);
    await settle();
    expect(told).toEqual(['screen']);
    slot.claim(null);
    await settle();
    expect(slot.current).toBeNull();
    expect(told).toEqual(['screen', 'sale']);
  });

  it('a screen re-claiming in one tick (release, then claim) tells the backend nothing new', async () => {
    const { api, told } = fakeApi();
    const slot = createScanSlot(api);
    slot.claim(() => true);
    await settle();
    slot.claim(null);
    slot.claim(() => true);
    await settle();
    expect(told).toEqual(['screen']);
  });

  it('a call lost in transit is sent again at the next change; resend tells the backend again (a restarted backend)', async () => {
    const { api, told, failNext } = fakeApi();
    const slot = createScanSlot(api);
    failNext();
    slot.claim(() => true);
    await settle();
    expect(told).toEqual([]);
    slot.claim(() => true);
    await settle();
    expect(told).toEqual(['screen']);
    slot.resend();
    await settle();
    expect(told).toEqual(['screen', 'screen']);
  });
});
