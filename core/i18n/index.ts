import { en } from './en.js';
import { ru } from './ru.js';
import { ro } from './ro.js';
import type { Translation } from './translation.js';
import type { ErrorCode, ErrorParams } from '../errors.js';
import { mergeParts } from '../merge.js';
import { a11yStrings } from '../a11y/i18n.js';
import { adjustStrings } from '../adjust/i18n.js';
import { customerStrings } from '../customer/i18n.js';
import { displayStrings } from '../display/i18n.js';
import { hardwareStrings } from '../hardware/i18n.js';
import { paymentStrings } from '../payment/i18n.js';
import { promoStrings } from '../promo/i18n.js';
import { returnStrings } from '../returns/i18n.js';
import { noReceiptStrings } from '../noreceipt/i18n.js';
import { voucherStrings } from '../voucher/i18n.js';
import { saleStrings } from '../sale/i18n.js';
import { scanStrings } from '../scan/i18n.js';
import { shiftStrings } from '../shift/i18n.js';
import { staffStrings } from '../staff/i18n.js';
import { syncStrings } from '../sync/i18n.js';

export const LANGUAGES = ['en', 'ru', 'ro'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Every feature's strings (`core/<feature>/i18n.ts`), after the shared ones in en.ts, ru.ts, ro.ts. */
const PARTS = [{ en, ru, ro }, scanStrings, saleStrings, customerStrings, hardwareStrings, syncStrings, promoStrings, a11yStrings, staffStrings, shiftStrings, displayStrings, paymentStrings, returnStrings, noReceiptStrings, adjustStrings, voucherStrings] as const;

type Part = { readonly [L in Language]: { readonly errors: object; readonly ui: object } };
type SectionsOf<T extends readonly Part[], K extends 'errors' | 'ui'> = { [I in keyof T]: T[I]['en'][K] };
type Sections<K extends 'errors' | 'ui'> = SectionsOf<typeof PARTS, K>;

function sections<K extends 'errors' | 'ui'>(lang: Language, key: K): Sections<K> {
  return PARTS.map((part) => part[lang][key]) as unknown as Sections<K>;
}

/**
 * One catalogue a language, as the backend and i18next read it: `errors.<CODE>` and
 * `ui.<section>.<key>`. A section or code two features both define is a type error, as is a
 * code of ERROR_CODES without an English message; ru and ro have every key English has.
 */
function catalogue(lang: Language) {
  return {
    errors: mergeParts(...sections(lang, 'errors')) satisfies Record<ErrorCode, string>,
    ui: mergeParts(...sections(lang, 'ui')),
  };
}

export type Catalogue = Translation<ReturnType<typeof catalogue>>;

export const catalogues: Record<Language, Catalogue> = { en: catalogue('en'), ru: catalogue('ru'), ro: catalogue('ro') };

/** "ru_RU.UTF-8", "ro-MD", "en" → a language we have, English when we have none of it. */
export function pickLanguage(locale: string | undefined | null): Language {
  const base = (locale ?? '').toLowerCase().split(/[-_.@]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : 'en';
}

export function interpolate(template: string, params: ErrorParams): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(params[key] ?? `{{${key}}}`));
}

export function errorMessage(lang: Language, code: ErrorCode, params: ErrorParams = {}): string {
  return interpolate(catalogues[lang].errors[code], params);
}
