/**
 * Product search text, folded the same way in the index and in the query, for the letters
 * SQLite's `unicode61 remove_diacritics` leaves alone or people type both ways: Russian ё as е
 * (most people type е), Romanian ş/ţ (cedilla, old keyboards) as ș/ț (comma below). Case and
 * Latin diacritics are the tokenizer's job.
 */
const FOLDS: Readonly<Record<string, string>> = { ё: 'е', Ё: 'Е', ş: 'ș', Ş: 'Ș', ţ: 'ț', Ţ: 'Ț' };
const FOLDABLE = /[ёЁşŞţŢ]/g;

export function foldSearchText(text: string): string {
  return text.normalize('NFC').replace(FOLDABLE, (c) => FOLDS[c] ?? c);
}

/** The one search row of a product: its names in every language, folded. */
export function productSearchText(names: { readonly en: string; readonly ru: string; readonly ro: string }): string {
  return foldSearchText(`${names.en} ${names.ru} ${names.ro}`);
}
