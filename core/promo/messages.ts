import { catalogues, interpolate, type Language } from '../i18n/index.js';
import type { Rejection } from './reasons.js';

const rules: Partial<Record<Language, Intl.PluralRules>> = {};
const pluralRules = (lang: Language): Intl.PluralRules => (rules[lang] ??= new Intl.PluralRules(lang));

/**
 * The cashier's sentence for a refused code, in the till's language. `formatMoney` formats the
 * minor units of below_minimum's `missing` (the till's own money formatter, so "12,50 lei" in ro).
 */
export function rejectionMessage(lang: Language, rejection: Rejection, formatMoney: (minor: number) => string): string {
  const template = catalogues[lang].ui.promo.reasons[rejection.reason];
  const params: Record<string, string | number> = { code: rejection.code, ...rejection.params };
  if (typeof params.missing === 'number' && rejection.reason === 'below_minimum') params.missing = formatMoney(params.missing);
  if (typeof template === 'string') return interpolate(template, params);
  const count = Number(rejection.params?.cap ?? rejection.params?.missing ?? 0);
  const category = pluralRules(lang).select(count) as keyof typeof template;
  return interpolate(template[category] ?? template.other, params);
}
