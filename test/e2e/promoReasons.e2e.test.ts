import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PROMO_CODE_ALPHABET, promoCodeCheckCharacter } from '../../core/scan/promoCode.js';
import { checkA11y } from './a11y.js';
import { addCampaigns, enterCode } from './promoSupport.js';
import { browserSuite, layoutProblems, openPage, poll, scan, screenshots, unitProducts, type Product } from './support.js';

/**
 * Why a code did not apply, as the cashier reads it at the till (core/promo/i18n.ts), on an offline
 * demo till in en, ru and ro: a basket below the minimum (the amount missing in the language's
 * money format), too few items (the count with its plural), two codes that do not combine (the
 * larger wins), a campaign used up, a campaign that needs the till online, a mistyped code, and
 * 10 KB of garbage pasted into the code box. Screenshots at 1024×768 and 1920×1080 go to
 * test-results/promo-reason-*.
 */

const LANGS = ['en', 'ru', 'ro'] as const;
type Lang = (typeof LANGS)[number];

/** Whitespace as a person sees it: Intl puts no-break spaces in amounts. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Codes wanting `n` units of what they are for: one unit is on the sale, so 1, 2, 5 and 20 are missing. */
const QTY = { ONEMORE: 2, TWOMORE: 3, FIVEMORE: 6, TWENTYMORE: 21 } as const;

/** The sentences a cashier reads, by language. */
const SAID: Record<Lang, Record<'MINBASKET' | keyof typeof QTY | 'EXCL10' | 'USEDUP' | 'ONLINEONLY' | 'mistyped' | 'garbage', string>> = {
  en: {
    MINBASKET: 'Add MDL 120.00 more of the eligible items to use code MINBASKET.',
    ONEMORE: 'Add 1 more eligible item to use code ONEMORE.',
    TWOMORE: 'Add 2 more eligible items to use code TWOMORE.',
    FIVEMORE: 'Add 5 more eligible items to use code FIVEMORE.',
    TWENTYMORE: 'Add 20 more eligible items to use code TWENTYMORE.',
    EXCL10: 'Code EXCL10 does not combine with “Newsletter −20 %” on this sale, which gives more. To use this code instead, remove that one.',
    USEDUP: 'Code USEDUP: the campaign has been used up. Tell the customer the offer has ended.',
    ONLINEONLY: 'Code ONLINEONLY works only while the till is online, and it is offline now. Try again when the connection is back.',
    mistyped: 'Code {code} looks mistyped (its check character does not match). Read it again.',
    garbage: 'That is not a promo code: letters and digits, 3 to 32 of them. Check what was typed or scanned.',
  },
  ru: {
    MINBASKET: 'Добавьте подходящих товаров ещё на 120,00 MDL, чтобы применить код MINBASKET.',
    ONEMORE: 'Добавьте ещё 1 подходящий товар, чтобы применить код ONEMORE.',
    TWOMORE: 'Добавьте ещё 2 подходящих товара, чтобы применить код TWOMORE.',
    FIVEMORE: 'Добавьте ещё 5 подходящих товаров, чтобы применить код FIVEMORE.',
    TWENTYMORE: 'Добавьте ещё 20 подходящих товаров, чтобы применить код TWENTYMORE.',
    EXCL10: 'Код EXCL10 не совмещается с акцией «Newsletter −20 %» в этой продаже, она выгоднее. Чтобы применить этот код, уберите ту акцию.',
    USEDUP: 'Код USEDUP: акция исчерпана. Скажите покупателю, что предложение закончилось.',
    ONLINEONLY: 'Код ONLINEONLY действует, только когда касса в сети, а сейчас связи нет. Попробуйте снова, когда связь восстановится.',
    mistyped: 'Код {code}, похоже, введён с ошибкой (не совпадает контрольный символ). Прочитайте его ещё раз.',
    garbage: 'Это не промокод: нужны буквы и цифры, от 3 до 32. Проверьте, что было введено или отсканировано.',
  },
  ro: {
    MINBASKET: 'Adăugați produse eligibile de încă 120,00 MDL pentru a folosi codul MINBASKET.',
    ONEMORE: 'Adăugați încă 1 produs eligibil pentru a folosi codul ONEMORE.',
    TWOMORE: 'Adăugați încă 2 produse eligibile pentru a folosi codul TWOMORE.',
    FIVEMORE: 'Adăugați încă 5 produse eligibile pentru a folosi codul FIVEMORE.',
    TWENTYMORE: 'Adăugați încă 20 de produse eligibile pentru a folosi codul TWENTYMORE.',
    EXCL10: 'Codul EXCL10 nu se combină cu „Newsletter −20 %” de pe această vânzare, care dă mai mult. Ca să folosiți acest cod în locul ei, eliminați-o.',
    USEDUP: 'Codul USEDUP: campania s-a epuizat. Spuneți clientului că oferta s-a încheiat.',
    ONLINEONLY: 'Codul ONLINEONLY funcționează doar când casa este online, iar acum nu este. Încercați din nou când revine conexiunea.',
    mistyped: 'Codul {code} pare tastat greșit (caracterul de control nu se potrivește). Citiți-l din nou.',
    garbage: 'Acesta nu este un cod promoțional: litere și cifre, între 3 și 32. Verificați ce s-a tastat sau scanat.',
  },
};

/** A code as central issues them (its last character checks the others), and the same with two neighbours swapped. */
function mistypedCode(): { good: string; typed: string } {
  for (let i = 0; ; i++) {
    const body = `K7QMRT4X${PROMO_CODE_ALPHABET[i % PROMO_CODE_ALPHABET.length]}`;
    const check = promoCodeCheckCharacter(body);
    if (check === null) continue;
    const good = `WEB${body}${check}`;
    const typed = `WEB${body.slice(0, 3)}${body[4]}${body[3]}${body.slice(5)}${check}`;
    return { good, typed };
  }
}

/** 10 KB of what a wrong paste brings: words, symbols, Cyrillic, newlines. */
const GARBAGE = ('Lorem ipsum {"a":[1,2]} <b>€%$#@!</b> Привет; DROP TABLE sales; \n\t ẞ 🙂 '.repeat(200)).slice(0, 10_240);

async function shoot(page: Page, name: string): Promise<void> {
  await screenshots(
    page,
    `promo-reason-${name}`,
    [
      [1024, 768],
      [1920, 1080],
    ],
    async (size) => {
      expect(await layoutProblems(page), `${name} at ${size}`).toEqual([]);
      await checkA11y(page, `promo-reason-${name}-${size}`);
    },
  );
}

const alertText = (page: Page) => page.getByRole('alert').locator('.alert-text').textContent();
const waitingReason = (page: Page, code: string) => page.locator('.promo-item.waiting', { hasText: code }).locator('.promo-reason').textContent();

describe('why a promo code did not apply, at the till in a real browser', () => {
  const suite = browserSuite();

  for (const lang of LANGS) {
    it(`says it in the cashier's words (${lang})`, async () => {
      const till = await suite.till(lang);
      const [a] = unitProducts(till.dataDir, 1) as [Product];
      const { good, typed } = mistypedCode();
      addCampaigns(till.dataDir, [
        { id: 'min-basket', name: 'Basket −5 %', percent: 5, currency: 'MDL', code: 'MINBASKET', rules: { minBasketMinor: a.price + 12_000 } },
        ...Object.entries(QTY).map(([code, n]) => ({ id: code.toLowerCase(), name: `${n} items −5 %`, percent: 5, code, rules: { minQuantity: n } })),
        { id: 'excl-10', name: 'Stream −10 %', percent: 10, code: 'EXCL10', rules: { exclusive: true } },
        { id: 'excl-20', name: 'Newsletter −20 %', percent: 20, code: 'EXCL20', rules: { exclusive: true } },
        { id: 'used-up', name: 'Launch −15 %', percent: 15, code: 'USEDUP', rules: { maxUses: 5 }, usedUses: 5 },
        { id: 'online-only', name: 'E-mail −10 %', percent: 10, code: 'ONLINEONLY', offlineAllowed: false },
        { id: 'web-unique', name: 'Web −5 %', percent: 5, code: good },
      ]);
      const { page, problems } = await openPage(suite.browser(), till.url);
      await page.setViewportSize({ width: 1024, height: 768 });
      await scan(page, a.code);
      await poll(() => page.locator('tr[data-line-id]').count()).toBe(1);

      // Below the minimum basket, and too few items: kept on the sale with what is missing.
      await enterCode(page, 'minbasket');
      await poll(async () => plain(await waitingReason(page, 'MINBASKET'))).toBe(SAID[lang].MINBASKET);
      await enterCode(page, 'twomore');
      await poll(async () => plain(await waitingReason(page, 'TWOMORE'))).toBe(SAID[lang].TWOMORE);
      await shoot(page, `waiting-${lang}`);
      for (const code of ['ONEMORE', 'FIVEMORE', 'TWENTYMORE'] as const) {
        await enterCode(page, code);
        await poll(async () => plain(await waitingReason(page, code))).toBe(SAID[lang][code]);
      }
      for (const code of ['MINBASKET', ...Object.keys(QTY)]) await page.locator('.promo-item.waiting', { hasText: code }).getByRole('button').click();
      await poll(() => page.locator('.promo-item').count()).toBe(0);

      // Two codes that do not combine: the larger applies, the other waits and says why.
      await enterCode(page, 'EXCL10');
      await poll(() => page.locator('.promo-item.applied', { hasText: 'EXCL10' }).count()).toBe(1);
      await enterCode(page, 'EXCL20');
      await poll(() => page.locator('.promo-item.applied', { hasText: 'EXCL20' }).count()).toBe(1);
      await poll(async () => plain(await waitingReason(page, 'EXCL10'))).toBe(SAID[lang].EXCL10);
      expect(await page.locator('.promo-item.applied').count()).toBe(1);
      await poll(async () => (await page.getByTestId('promo-saving').textContent())?.replace(/\D/g, '')).toBe(String(Math.round(a.price * 0.2)));
      await shoot(page, `not-combinable-${lang}`);

      // Refused at the box, the sale as it was: a campaign used up, one that needs the till online, a mistyped code.
      const before = async () => ({
        lines: await page.locator('tr[data-line-id]').count(),
        total: await page.getByTestId('sale-total').textContent(),
        promos: await page.getByTestId('promo-list').textContent(),
      });
      const sale = await before();
      await enterCode(page, 'used-up');
      await poll(async () => plain(await alertText(page))).toBe(SAID[lang].USEDUP);
      await shoot(page, `usage-exhausted-${lang}`);
      await enterCode(page, 'online only');
      await poll(async () => plain(await alertText(page))).toBe(SAID[lang].ONLINEONLY);
      await shoot(page, `offline-not-allowed-${lang}`);
      await enterCode(page, typed.toLowerCase());
      await poll(async () => plain(await alertText(page))).toBe(SAID[lang].mistyped.replace('{code}', typed));
      await shoot(page, `mistyped-${lang}`);
      expect(await before()).toEqual(sale);

      // 10 KB pasted into the code box: a clear error, the sale unchanged, and the box keeps the paste to correct.
      await page.locator('#promo-code-input').focus();
      await page.keyboard.insertText(GARBAGE);
      await page.press('#promo-code-input', 'Enter');
      await poll(async () => plain(await alertText(page))).toBe(SAID[lang].garbage);
      expect(await before()).toEqual(sale);
      await shoot(page, `garbage-${lang}`);
      expect(problems).toEqual([]);
      await page.close();
    }, 180_000);
  }
});
