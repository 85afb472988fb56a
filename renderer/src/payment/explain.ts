import { LANGUAGES, type Language } from '../../../core/i18n/index.js';
import { CURRENCIES, type Currency } from '../../../core/money.js';
import { formatters } from '../shell/format.js';
import { explainError, i18n } from '../shell/i18n.js';

const isCurrency = (c: unknown): c is Currency => typeof c === 'string' && (CURRENCIES as readonly string[]).includes(c);

/**
 * A cancel the terminal did not let through names what is still on card in the UI language's
 * money format (the backend's own message has a plain decimal).
 */
for (const code of ['PAYMENT_CANCEL_CARD_KEPT', 'PAYMENT_CANCEL_CARD_TIMEOUT'] as const) {
  explainError(code, ({ amountMinor, currency }) => {
    if (typeof amountMinor !== 'number' || !isCurrency(currency)) return null;
    const lang = (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'en';
    return i18n.t(`errors.${code}`, { amount: formatters(lang, currency).money(amountMinor) });
  });
}
