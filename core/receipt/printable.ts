/**
 * What a printer can put on paper is limited to its code pages; the encoder prints `?` for
 * anything else. Text bound for a printer is folded here first, so the cashier's and the
 * catalogue's letters come out as the closest printable letters instead.
 */
export type CanPrint = (char: string) => boolean;

/**
 * Preferred replacements, best first. Romanian Ș/ș/Ț/ț (comma below) exist in no ESC/POS
 * code page; the cedilla forms Ş/ş/Ţ/ţ do (CP852, Windows-1250) and are what Romanian
 * printers have always shown. Currency signs become the currency's name as text.
 */
const SUBSTITUTES: Readonly<Record<string, readonly string[]>> = {
  'Ș': ['Ş', 'S'],
  'ș': ['ş', 's'],
  'Ț': ['Ţ', 'T'],
  'ț': ['ţ', 't'],
  '„': ['"'],
  '“': ['"'],
  '”': ['"'],
  '«': ['«', '"'],
  '»': ['»', '"'],
  '‘': ["'"],
  '’': ["'"],
  '‚': [','],
  '–': ['-'],
  '—': ['-'],
  '−': ['-'],
  '…': ['...'],
  '₽': ['руб.', 'RUB'],
  '₴': ['грн', 'UAH'],
  '€': ['EUR'],
  '№': ['№', 'N'],
  '×': ['x'],
  '•': ['*'],
  '\u00a0': [' '],
  'Ґ': ['Г'],
  'ґ': ['г'],
  'І': ['I'],
  'і': ['i'],
};

/** Tabs, newlines and other control characters inside one field become a space. */
function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/**
 * Folds one field for a printer: keeps what it can print, else the first printable
 * substitute, else the letter without its accent; what is left (emoji, symbols no page has)
 * is dropped rather than printed as `?`.
 */
export function foldForPrinter(text: string, canPrint: CanPrint): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (isControl(char)) {
      out += ' ';
    } else if (canPrint(char)) {
      out += char;
    } else {
      out += substitute(char, canPrint);
    }
  }
  return out;
}

function substitute(char: string, canPrint: CanPrint): string {
  for (const candidate of SUBSTITUTES[char] ?? []) {
    if ([...candidate].every(canPrint)) return candidate;
  }
  const base = char.normalize('NFD').replace(/\p{M}+/gu, '');
  if (base !== char && base.length > 0 && [...base].every(canPrint)) return base;
  return '';
}

/** Screens and e-mail show every character: only control characters are folded. */
export const printsEverything: CanPrint = () => true;
