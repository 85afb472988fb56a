import { CURRENCIES, type Currency } from '../../../core/money.js';
import { LANGUAGES, type Language } from '../../../core/i18n/index.js';
import { rejectionMessage } from '../../../core/promo/messages.js';
import { PROMO_REASONS, type PromoReason, type Rejection } from '../../../core/promo/reasons.js';
import { formatters } from '../shell/format.js';
import { explainError, i18n } from '../shell/i18n.js';

const isReason = (r: unknown): r is PromoReason => typeof r === 'string' && (PROMO_REASONS as readonly string[]).includes(r);
const isCurrency = (c: unknown): c is Currency => typeof c === 'string' && (CURRENCIES as readonly string[]).includes(c);

export function uiLanguage(): Language {
  const lang = i18n.language;
  return (LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : 'en';
}

/** The cashier's sentence for a code that does not apply, in the UI language (money in the sale's currency). */
export function reasonText(rejection: Rejection, currency: Currency): string {
  const lang = uiLanguage();
  return rejectionMessage(lang, rejection, formatters(lang, currency).money);
}

// A refused code says why, whichever way it came in (the code box, the barcode field, the scanner).
explainError('PROMO_CODE_REFUSED', (params) => {
  const { code, reason, currency, ...rest } = params;
  if (!isReason(reason) || typeof code !== 'string') return null;
  const details = Object.fromEntries(Object.entries(rest).filter(([, v]) => typeof v === 'number' || typeof v === 'string'));
  return reasonText({ code, reason, params: details }, isCurrency(currency) ? currency : 'EUR');
});
