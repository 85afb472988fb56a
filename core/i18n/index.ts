import { en, type Catalogue } from './en.js';
import { ru } from './ru.js';
import { ro } from './ro.js';
import type { ErrorCode, ErrorParams } from '../errors.js';

export const LANGUAGES = ['en', 'ru', 'ro'] as const;
export type Language = (typeof LANGUAGES)[number];

export const catalogues: Record<Language, Catalogue> = { en, ru, ro };
export type { Catalogue };

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
