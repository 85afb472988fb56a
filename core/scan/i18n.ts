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
    SCAN_SIGNED_NO_KEY: 'This till has not received the chain’s key from central yet, so it cannot check this QR code. Connect the till once (it syncs by itself), then scan again.',
    SCAN_SIGNED_TAMPERED: 'This QR code has been altered or damaged: its signature does not match. It was not accepted and nothing changed.',
    SCAN_SIGNED_OTHER_CHAIN: 'This QR code was issued by another retail chain. It cannot be used in our stores; nothing changed.',
    SCAN_SIGNED_CLOCK: 'This customer card was issued later than the till’s clock says it is now. Check the till’s date and time, or find the customer by phone (F8).',
    SCAN_OFFER_EXPIRED: 'This QR offer has expired. It cannot be used any more; nothing changed.',
    SCAN_OFFER_REDEEMED: 'This QR offer was already used at this till. Each offer can be used once; nothing changed.',
    SCAN_OFFER_OTHER_CUSTOMER: 'This QR offer belongs to another customer, not the one on this sale. Nothing changed.',
    SCAN_OFFER_UNKNOWN_CUSTOMER: 'This QR offer is for one customer, who is not in this till yet. Find her by phone (F8) and attach her, then scan the offer again.',
    SCAN_CARD_EXPIRED: 'This customer card has expired. Ask the customer to open it again in the app, or find her by phone (F8).',
    SCAN_CARD_UNKNOWN_CUSTOMER: 'This customer card is genuine, but the customer is not in this till yet. Find her by phone (F8).',
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
    SCAN_SIGNED_NO_KEY: 'Касса ещё не получила ключ сети от центрального сервера и не может проверить этот QR-код. Подключите кассу к сети (она синхронизируется сама) и отсканируйте снова.',
    SCAN_SIGNED_TAMPERED: 'Этот QR-код изменён или повреждён: подпись не совпадает. Он не принят, ничего не изменилось.',
    SCAN_SIGNED_OTHER_CHAIN: 'Этот QR-код выпущен другой торговой сетью. В наших магазинах он не действует; ничего не изменилось.',
    SCAN_SIGNED_CLOCK: 'Эта карта покупателя выпущена позже, чем показывают часы кассы. Проверьте дату и время на кассе или найдите покупателя по телефону (F8).',
    SCAN_OFFER_EXPIRED: 'Срок действия этого QR-предложения истёк. Использовать его нельзя; ничего не изменилось.',
    SCAN_OFFER_REDEEMED: 'Это QR-предложение уже использовано на этой кассе. Каждое предложение действует один раз; ничего не изменилось.',
    SCAN_OFFER_OTHER_CUSTOMER: 'Это QR-предложение принадлежит другому покупателю, а не тому, кто в этой продаже. Ничего не изменилось.',
    SCAN_OFFER_UNKNOWN_CUSTOMER: 'Это QR-предложение для определённого покупателя, которого ещё нет на этой кассе. Найдите его по телефону (F8), привяжите к продаже и отсканируйте предложение снова.',
    SCAN_CARD_EXPIRED: 'Срок действия карты покупателя истёк. Попросите покупателя заново открыть её в приложении или найдите его по телефону (F8).',
    SCAN_CARD_UNKNOWN_CUSTOMER: 'Карта покупателя подлинная, но этого покупателя ещё нет на кассе. Найдите его по телефону (F8).',
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
    SCAN_SIGNED_NO_KEY: 'Casa nu a primit încă de la serverul central cheia rețelei, deci nu poate verifica acest cod QR. Conectați casa (se sincronizează singură), apoi scanați din nou.',
    SCAN_SIGNED_TAMPERED: 'Acest cod QR a fost modificat sau deteriorat: semnătura nu se potrivește. Nu a fost acceptat și nu s-a schimbat nimic.',
    SCAN_SIGNED_OTHER_CHAIN: 'Acest cod QR a fost emis de altă rețea de magazine. Nu poate fi folosit la noi; nu s-a schimbat nimic.',
    SCAN_SIGNED_CLOCK: 'Acest card de client a fost emis mai târziu decât ora arătată de casă. Verificați data și ora casei sau căutați clientul după telefon (F8).',
    SCAN_OFFER_EXPIRED: 'Această ofertă QR a expirat. Nu mai poate fi folosită; nu s-a schimbat nimic.',
    SCAN_OFFER_REDEEMED: 'Această ofertă QR a fost deja folosită la această casă. Fiecare ofertă se folosește o singură dată; nu s-a schimbat nimic.',
    SCAN_OFFER_OTHER_CUSTOMER: 'Această ofertă QR aparține altui client, nu celui din această vânzare. Nu s-a schimbat nimic.',
    SCAN_OFFER_UNKNOWN_CUSTOMER: 'Această ofertă QR este pentru un anumit client, care nu este încă în această casă. Căutați-l după telefon (F8), atașați-l, apoi scanați oferta din nou.',
    SCAN_CARD_EXPIRED: 'Cardul de client a expirat. Rugați clientul să-l deschidă din nou în aplicație sau căutați-l după telefon (F8).',
    SCAN_CARD_UNKNOWN_CUSTOMER: 'Cardul de client este autentic, dar clientul nu este încă în această casă. Căutați-l după telefon (F8).',
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
