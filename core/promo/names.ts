import type { Language } from '../i18n/index.js';

/** A promotion's name in the UI languages it was given in; the others fall back to its `name`. */
export type LocalNames = { readonly [L in Language]?: string };

/** The name to show in `lang`, as product names are chosen by the UI language: the one given for it, else `name`. */
export function localName(promotion: { readonly name: string; readonly names?: LocalNames | null | undefined }, lang: Language): string {
  return promotion.names?.[lang] || promotion.name;
}
