import type { Translation } from '../i18n/translation.js';
import type { ScanErrorCode } from './errors.js';

/** A scan's strings: why a code was refused, and the camera panel and settings. */
const en = {
  errors: {
    SCAN_EMPTY: 'Nothing was scanned.',
    SCAN_GARBAGE: 'The scanner sent unreadable characters. Scan the item again.',
    SCAN_BAD_CHECK_DIGIT: 'Barcode {{code}} has a wrong check digit: it was misread. Scan again or type it carefully.',
    SCAN_UNKNOWN_BARCODE: 'Barcode {{code}} is not in the catalogue. Find the item by name or call the manager.',
    SCAN_UNKNOWN_CODE: 'This code is not one the till knows. Nothing was changed; scan the item’s barcode or type it.',
    SCAN_NOT_A_PRODUCT: 'This code is not an item’s barcode (it is a promo code, a customer card or a receipt), so it was not added to the sale.',
    SCAN_NOT_A_BARCODE: '“{{code}}” is not a barcode. To find an item by name, use Search (F3); a customer’s phone goes in the customer lookup (F8).',
  } satisfies Record<ScanErrorCode, string>,
  ui: {
    camera: {
      title: 'Camera scanning',
      close: 'Close',
      starting: 'Starting the camera…',
      hint: 'Hold the QR code or barcode in front of the camera.',
      read: 'Read: {{code}}',
      failure: {
        noCamera: 'No camera is connected to this till. Plug one in, or scan with the barcode scanner.',
        busy: 'The camera is in use by another program. Close that program, then open the camera again.',
        denied: 'This till is not allowed to use the camera. Allow camera access in the system settings; the scanner works meanwhile.',
        ended: 'The camera stopped (unplugged?). Check its cable and open it again.',
        decoder: 'The code reader could not start. Restart the till; the scanner works meanwhile.',
        unsupported: 'This window cannot use a camera.',
      },
      settings: {
        title: 'Camera',
        device: 'Camera',
        anyCamera: 'Any camera',
        resolution: 'Resolution',
        showNames: 'Show camera names',
        save: 'Save camera',
        none: 'No camera was found.',
      },
    },
  },
} as const;

const ru: Translation<typeof en> = {
  errors: {
    SCAN_EMPTY: 'Ничего не отсканировано.',
    SCAN_GARBAGE: 'Сканер передал нечитаемые символы. Отсканируйте товар ещё раз.',
    SCAN_BAD_CHECK_DIGIT: 'У штрихкода {{code}} неверная контрольная цифра: он считан с ошибкой. Отсканируйте ещё раз или введите внимательно.',
    SCAN_UNKNOWN_BARCODE: 'Штрихкода {{code}} нет в каталоге. Найдите товар по названию или позовите администратора.',
    SCAN_UNKNOWN_CODE: 'Касса не знает такой код. Ничего не изменилось; отсканируйте штрихкод товара или введите его вручную.',
    SCAN_NOT_A_PRODUCT: 'Это не штрихкод товара (это промокод, карта покупателя или чек), поэтому в продажу ничего не добавлено.',
    SCAN_NOT_A_BARCODE: '«{{code}}» — это не штрихкод. Чтобы найти товар по названию, воспользуйтесь поиском (F3); телефон покупателя вводится в поиске покупателя (F8).',
  },
  ui: {
    camera: {
      title: 'Сканирование камерой',
      close: 'Закрыть',
      starting: 'Камера включается…',
      hint: 'Поднесите QR-код или штрихкод к камере.',
      read: 'Считано: {{code}}',
      failure: {
        noCamera: 'К кассе не подключена камера. Подключите её или сканируйте сканером штрихкодов.',
        busy: 'Камера занята другой программой. Закройте ту программу и откройте камеру снова.',
        denied: 'Кассе не разрешено пользоваться камерой. Разрешите доступ к камере в настройках системы; сканер пока работает.',
        ended: 'Камера отключилась (выдернут кабель?). Проверьте кабель и откройте её снова.',
        decoder: 'Не удалось запустить распознавание кодов. Перезапустите кассу; сканер пока работает.',
        unsupported: 'В этом окне камера недоступна.',
      },
      settings: {
        title: 'Камера',
        device: 'Камера',
        anyCamera: 'Любая камера',
        resolution: 'Разрешение',
        showNames: 'Показать названия камер',
        save: 'Сохранить камеру',
        none: 'Камера не найдена.',
      },
    },
  },
};

const ro: Translation<typeof en> = {
  errors: {
    SCAN_EMPTY: 'Nu s-a scanat nimic.',
    SCAN_GARBAGE: 'Scanerul a trimis caractere ilizibile. Scanați produsul din nou.',
    SCAN_BAD_CHECK_DIGIT: 'Codul de bare {{code}} are cifra de control greșită: a fost citit greșit. Scanați din nou sau tastați-l cu atenție.',
    SCAN_UNKNOWN_BARCODE: 'Codul de bare {{code}} nu este în catalog. Căutați produsul după nume sau chemați managerul.',
    SCAN_UNKNOWN_CODE: 'Casa nu cunoaște acest cod. Nu s-a schimbat nimic; scanați codul de bare al produsului sau introduceți-l.',
    SCAN_NOT_A_PRODUCT: 'Acesta nu este codul de bare al unui produs (este un cod promoțional, un card de client sau un bon), deci nu a fost adăugat la vânzare.',
    SCAN_NOT_A_BARCODE: '„{{code}}” nu este un cod de bare. Pentru a găsi un produs după nume folosiți Căutarea (F3); telefonul clientului se introduce la căutarea clientului (F8).',
  },
  ui: {
    camera: {
      title: 'Scanare cu camera',
      close: 'Închide',
      starting: 'Camera pornește…',
      hint: 'Țineți codul QR sau codul de bare în fața camerei.',
      read: 'Citit: {{code}}',
      failure: {
        noCamera: 'Nicio cameră nu este conectată la casă. Conectați una sau scanați cu scanerul de coduri.',
        busy: 'Camera este folosită de alt program. Închideți acel program, apoi deschideți din nou camera.',
        denied: 'Casa nu are voie să folosească camera. Permiteți accesul la cameră în setările sistemului; scanerul funcționează între timp.',
        ended: 'Camera s-a oprit (cablu scos?). Verificați cablul și deschideți-o din nou.',
        decoder: 'Cititorul de coduri nu a putut porni. Reporniți casa; scanerul funcționează între timp.',
        unsupported: 'Această fereastră nu poate folosi o cameră.',
      },
      settings: {
        title: 'Cameră',
        device: 'Cameră',
        anyCamera: 'Orice cameră',
        resolution: 'Rezoluție',
        showNames: 'Arată numele camerelor',
        save: 'Salvează camera',
        none: 'Nu s-a găsit nicio cameră.',
      },
    },
  },
};

export const scanStrings = { en, ru, ro };
