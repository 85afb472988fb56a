import type { Translation } from '../i18n/translation.js';
import type { NoReceiptErrorCode } from './errors.js';

/** A return without a receipt: its errors and its part of the return screen. */
const en = {
  errors: {
    RETURN_NO_RECEIPT_OVER_LIMIT: 'A return without a receipt may refund at most {{limit}} in this store; this one is {{amount}}. Nothing was refunded.',
    RETURN_NO_RECEIPT_METHOD: 'Without a receipt this store refunds only as: {{methods}}.',
    RETURN_NO_RECEIPT_PRICE_ABOVE: 'The price typed for “{{name}}” is above the store’s price {{price}}: a return without a receipt may only refund less.',
    RETURN_NO_RECEIPT_DUPLICATE: 'The same product is listed twice: change its quantity instead.',
  } satisfies Record<NoReceiptErrorCode, string>,
  ui: {
    noReceipt: {
      open: 'No receipt',
      title: 'Return without a receipt',
      hint: 'Scan or type each product that came back. A manager approves the refund; it is at most {{limit}}.',
      findLabel: 'Barcode, SKU or name',
      add: 'Add',
      noMatch: 'No product matches “{{query}}”.',
      item: 'Item',
      quantity: 'Quantity',
      grams: 'Grams',
      shelfPrice: 'Store price',
      price: 'Refund price',
      lineRefund: 'Refund',
      remove: 'Remove {{name}}',
      removeColumn: 'Remove',
      empty: 'Nothing chosen yet.',
      confirm: 'Refund {{amount}} (manager)',
      overLimit: 'Over the store’s limit of {{limit}} without a receipt.',
      done: 'Refunded {{amount}} ({{method}}) without a receipt. Return receipt no. {{no}} is printing.',
      withReceipt: 'With a receipt',
      voucher: 'Store credit voucher {{code}} for {{amount}}: printed on the return receipt, to pay with at any of our tills.',
    },
  },
} as const;

const ru: Translation<typeof en> = {
  errors: {
    RETURN_NO_RECEIPT_OVER_LIMIT: 'Возврат без чека в этом магазине — не больше {{limit}}; этот на {{amount}}. Ничего не возвращено.',
    RETURN_NO_RECEIPT_METHOD: 'Без чека этот магазин возвращает только так: {{methods}}.',
    RETURN_NO_RECEIPT_PRICE_ABOVE: 'Введённая цена «{{name}}» выше цены магазина {{price}}: при возврате без чека можно вернуть только меньше.',
    RETURN_NO_RECEIPT_DUPLICATE: 'Один и тот же товар указан дважды: измените его количество.',
  },
  ui: {
    noReceipt: {
      open: 'Без чека',
      title: 'Возврат без чека',
      hint: 'Отсканируйте или введите каждый возвращённый товар. Возврат подтверждает менеджер; не больше {{limit}}.',
      findLabel: 'Штрихкод, артикул или название',
      add: 'Добавить',
      noMatch: 'Нет товара по запросу «{{query}}».',
      item: 'Товар',
      quantity: 'Количество',
      grams: 'Граммы',
      shelfPrice: 'Цена магазина',
      price: 'Цена возврата',
      lineRefund: 'К возврату',
      remove: 'Убрать {{name}}',
      removeColumn: 'Убрать',
      empty: 'Пока ничего не выбрано.',
      confirm: 'Вернуть {{amount}} (менеджер)',
      overLimit: 'Больше лимита магазина без чека: {{limit}}.',
      done: 'Возвращено {{amount}} ({{method}}) без чека. Печатается чек возврата № {{no}}.',
      withReceipt: 'С чеком',
      voucher: 'Ваучер кредита магазина {{code}} на {{amount}}: напечатан на чеке возврата, им можно платить на любой нашей кассе.',
    },
  },
};

const ro: Translation<typeof en> = {
  errors: {
    RETURN_NO_RECEIPT_OVER_LIMIT: 'Un retur fără bon poate rambursa cel mult {{limit}} în acest magazin; acesta este de {{amount}}. Nu s-a rambursat nimic.',
    RETURN_NO_RECEIPT_METHOD: 'Fără bon, acest magazin rambursează doar astfel: {{methods}}.',
    RETURN_NO_RECEIPT_PRICE_ABOVE: 'Prețul introdus pentru „{{name}}” depășește prețul magazinului {{price}}: un retur fără bon poate rambursa doar mai puțin.',
    RETURN_NO_RECEIPT_DUPLICATE: 'Același produs apare de două ori: modificați-i cantitatea.',
  },
  ui: {
    noReceipt: {
      open: 'Fără bon',
      title: 'Retur fără bon',
      hint: 'Scanați sau introduceți fiecare produs adus înapoi. Un manager aprobă rambursarea; cel mult {{limit}}.',
      findLabel: 'Cod de bare, cod SKU sau nume',
      add: 'Adaugă',
      noMatch: 'Niciun produs nu corespunde cu „{{query}}”.',
      item: 'Produs',
      quantity: 'Cantitate',
      grams: 'Grame',
      shelfPrice: 'Prețul magazinului',
      price: 'Preț rambursat',
      lineRefund: 'Rambursare',
      remove: 'Elimină {{name}}',
      removeColumn: 'Elimină',
      empty: 'Nimic ales încă.',
      confirm: 'Rambursează {{amount}} (manager)',
      overLimit: 'Peste limita magazinului fără bon: {{limit}}.',
      done: 'Rambursat {{amount}} ({{method}}) fără bon. Se tipărește bonul de retur nr. {{no}}.',
      withReceipt: 'Cu bon',
      voucher: 'Voucher de credit la magazin {{code}} de {{amount}}: tipărit pe bonul de retur, se poate plăti cu el la oricare casă a noastră.',
    },
  },
};

export const noReceiptStrings = { en, ru, ro };
