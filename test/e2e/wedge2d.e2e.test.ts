import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browserMode.js';
import { buildApp, openPage, poll, startDemoTill, unitProducts, type DemoTill } from './support.js';

/**
 * 2D payloads from a keyboard-wedge scanner through Chromium's input pipeline: GS sent as
 * Ctrl+] or as the Alt code Alt+0029, a scanner typing through a Cyrillic keyboard layout,
 * and a long token, all reaching the sale's resolver as the symbol says.
 */

interface Key {
  readonly key: string;
  readonly code: string;
  readonly text?: string;
  readonly modifiers?: number;
  readonly vk: number;
}

const ALT = 1;
const CTRL = 2;
const SHIFT = 8;

const plain = (ch: string): Key => ({ key: ch, code: /\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`, text: ch, vk: ch.toUpperCase().charCodeAt(0), modifiers: /[A-Z]/.test(ch) ? SHIFT : 0 });
const ctrlBracket: Key = { key: ']', code: 'BracketRight', modifiers: CTRL, vk: 221 };
const altCode = (digits: string): Key[] => [...digits].map((d) => ({ key: d, code: `Numpad${d}`, modifiers: ALT, vk: 96 + Number(d) }));
const enter: Key = { key: 'Enter', code: 'Enter', text: '\r', vk: 13 };

/** Keys as a scanner types them, 3 ms apart by their timestamps, wherever the focus is. */
async function typeKeys(page: Page, keys: readonly Key[]): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    let at = Date.now() / 1000;
    for (const k of keys) {
      const common = { key: k.key, code: k.code, windowsVirtualKeyCode: k.vk, modifiers: k.modifiers ?? 0, timestamp: at };
      await cdp.send('Input.dispatchKeyEvent', k.text ? { type: 'keyDown', text: k.text, unmodifiedText: k.text, ...common } : { type: 'rawKeyDown', ...common });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
      at += 0.003;
    }
  } finally {
    await cdp.detach();
  }
}

describe('2D codes from a keyboard-wedge scanner in a real browser', () => {
  let browser: Browser;
  let till: DemoTill;

  beforeAll(async () => {
    buildApp();
    till = await startDemoTill('en');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await till?.stop();
  });

  it('reads a GS1 DataMatrix with GS as Ctrl+] and as Alt+0029, a Cyrillic-layout scan and a long token', async () => {
    const [a, b] = unitProducts(till.dataDir, 2);
    const { page, problems } = await openPage(browser, till.url);
    const rows = page.locator('tr[data-line-id]');

    // ]d2 01 <GTIN-14> 21 <serial> GS 91 <key>: the marked item sells by its GTIN.
    const marked = (gtin: string, separator: Key[]) => [...']d201', ...`0${gtin}`, ...'21SN7Q2X'].map(plain).concat(separator, [...'91EE10'].map(plain), [enter]);
    await typeKeys(page, marked(a!.code, [ctrlBracket]));
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(a!.name_en);
    await typeKeys(page, marked(b!.code, altCode('0029')));
    await poll(() => rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toContain(b!.name_en);

    // The same EAN typed through a Russian layout: digits are digits, but the AIM identifier's
    // letter arrives as Cyrillic ("]У0" for "]E0"); the physical key says what was meant. The
    // product is already on line 1: it joins that line.
    const russianE: Key = { key: 'У', code: 'KeyE', text: 'У', modifiers: SHIFT, vk: 69 };
    await typeKeys(page, [plain(']'), russianE, plain('0'), ...[...a!.code].map(plain), enter]);
    await poll(() => rows.first().locator('input').inputValue()).toBe('2');
    expect(await rows.count()).toBe(2);

    // A promo link of 600 characters is read whole and refused as "not an item", the sale untouched.
    const link = `https://shop.example.md/p/STREAM25?utm_source=stream&ref=${'x'.repeat(543)}`;
    expect(link.length).toBe(600);
    await typeKeys(page, [...[...link].map((ch) => (/[a-z0-9A-Z]/.test(ch) ? plain(ch) : { key: ch, code: 'Unidentified', text: ch, vk: 0 })), enter]);
    await poll(() => page.getByRole('alert').textContent()).toContain('is not a known promo code');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().locator('input').inputValue()).toBe('2');
    expect(problems).toEqual([]);
  });
});
