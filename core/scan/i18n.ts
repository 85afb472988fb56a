import type { Translation } from '../i18n/translation.js';
import type { ScanErrorCode } from './errors.js';

/** A scan's strings: why a code was refused. */
const en = {
  errors: {
    SCAN_EMPTY: 'Nothing was scanned.',
    SCAN_GARBAGE: 'The scanner sent unreadable characters. Scan the item again.',
    SCAN_BAD_CHECK_DIGIT: 'Barcode {{code}} has a wrong check digit: it was misread. Scan again or type it carefully.',
    SCAN_UNKNOWN_BARCODE: 'Barcode {{code}} is not in the catalogue. Find the item by name or call the manager.',
    SCAN_UNKNOWN_CODE: 'This code is not one the till knows. Nothing was changed; scan the item’s barcode or type it.',
    SCAN_NOT_A_PRODUCT: 'This code is not an item’s barcode (it is a promo code, a customer card or a receipt), so it was not added to the sale.',
  } satisfies Record<ScanErrorCode, string>,
  ui: {},
} as const;

const ru: Translation<typeof en> = {
  errors: {
    SCAN_EMPTY: 'Ничего не отсканировано.',
    SCAN_GARBAGE: 'Сканер передал нечитаемые символы. Отсканируйте товар ещё раз.',
    SCAN_BAD_CHECK_DIGIT: 'У штрихкода {{code}} неверная контрольная цифра: он считан с ошибкой. Отсканируйте ещё раз или введите внимательно.',
    SCAN_UNKNOWN_BARCODE: 'Штрихкода {{code}} нет в каталоге. Найдите товар по названию или позовите администратора.',
    SCAN_UNKNOWN_CODE: 'Касса не знает такой код. Ничего не изменилось; отсканируйте штрихкод товара или введите его вручную.',
    SCAN_NOT_A_PRODUCT: 'Это не штрихкод товара (это промокод, карта покупателя или чек), поэтому в продажу ничего не добавлено.',
  },
  ui: {},
};

const ro: Translation<typeof en> = {
  errors: {
    SCAN_EMPTY: 'Nu s-a scanat nimic.',
    SCAN_GARBAGE: 'Scanerul a trimis caractere ilizibile. Scanați produsul din nou.',
    SCAN_BAD_CHECK_DIGIT: 'Codul de bare {{code}} are cifra de control greșită: a fost citit greșit. Scanați din nou sau tastați-l cu atenție.',
    SCAN_UNKNOWN_BARCODE: 'Codul de bare {{code}} nu este în catalog. Căutați produsul după nume sau chemați managerul.',
    SCAN_UNKNOWN_CODE: 'Casa nu cunoaște acest cod. Nu s-a schimbat nimic; scanați codul de bare al produsului sau introduceți-l.',
    SCAN_NOT_A_PRODUCT: 'Acesta nu este codul de bare al unui produs (este un cod promoțional, un card de client sau un bon), deci nu a fost adăugat la vânzare.',
  },
  ui: {},
};

export const scanStrings = { en, ru, ro };
