import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogues, LANGUAGES, type Language } from '../../../core/i18n/index.js';
import type { ErrorCode } from '../../../core/errors.js';

/**
 * i18next over the shared catalogues in core/i18n: the backend translates its error messages
 * from the same files, the renderer translates every string (and every error, from its code).
 */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(LANGUAGES.map((lang) => [lang, { translation: catalogues[lang] }])),
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

export async function setLanguage(lang: Language): Promise<void> {
  await i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

type Explainer = (params: Record<string, string | number>) => string | null;
const explainers = new Map<ErrorCode, Explainer>();

/** A feature whose error says more than one template can (a promo code's reason) explains it itself. */
export function explainError(code: ErrorCode, explain: Explainer): void {
  explainers.set(code, explain);
}

/** An error's message in the UI language, from its stable code; the backend's text if the code is new to us. */
export function translateError(code: ErrorCode, params: Record<string, string | number> | undefined, fallback: string): string {
  const explained = explainers.get(code)?.({ ...params });
  if (explained) return explained;
  const key = `errors.${code}`;
  return i18n.exists(key) ? i18n.t(key, { ...params }) : fallback;
}
