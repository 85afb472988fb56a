import type { Translation } from '../i18n/translation.js';
import type { ScanErrorCode } from './errors.js';

/** A scan's strings: why a code was refused. */
const en = {
  errors: {
    SCAN_EMPTY: 'Nothing was scanned.',
    SCAN_GARBAGE: 'The scanner sent unreadable characters. Scan the item again.',
    SCAN_BAD_CHECK_DIGIT: 'Barcode {{code}} has a wrong check digit: it was misread. Scan again or type it carefully.',
    SCAN_UNKNOWN_BARCODE: 'Barcode {{code}} is not in the catalogue. Find the item by name or call the manager.',
  } satisfies Record<ScanErrorCode, string>,
  ui: {},
} as const;

const ru: Translation<typeof en> = {
  errors: {
    SCAN_EMPTY: 'Ничего не отсканировано.',
    SCAN_GARBAGE: 'Сканер передал нечитаемые символы. Отсканируйте товар ещё раз.',
    SCAN_BAD_CHECK_DIGIT: 'У штрихкода {{code}} неверная контрольная цифра: он считан с ошибкой. Отсканируйте ещё раз или введите внимательно.',
    SCAN_UNKNOWN_BARCODE: 'Штрихкода {{code}} нет в каталоге. Найдите товар по названию или позовите администратора.',
  },
  ui: {},
};

const ro: Translation<typeof en> = {
  errors: {
    SCAN_EMPTY: 'Nu s-a scanat nimic.',
    SCAN_GARBAGE: 'Scanerul a trimis caractere ilizibile. Scanați produsul din nou.',
    SCAN_BAD_CHECK_DIGIT: 'Codul de bare {{code}} are cifra de control greșită: a fost citit greșit. Scanați din nou sau tastați-l cu atenție.',
    SCAN_UNKNOWN_BARCODE: 'Codul de bare {{code}} nu este în catalog. Căutați produsul după nume sau chemați managerul.',
  },
  ui: {},
};

export const scanStrings = { en, ru, ro };
