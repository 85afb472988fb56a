import type { Translation } from '../i18n/translation.js';

/**
 * Accessibility's strings: each screen's top-level heading (read by screen readers, hidden on
 * screen where the layout already says where the cashier is) and the announcements of status
 * changes the cashier must notice.
 */
const en = {
  errors: {},
  ui: {
    a11y: {
      saleHeading: 'Sale',
      paymentHeading: 'Payment',
      receiptHeading: 'Sale completed',
      add: 'Add',
      syncOffline: 'Central is out of reach: the till works offline and sends its sales later.',
      choose: 'Choose',
      voidWhich: 'line {{position}}: {{name}}',
    },
  },
} as const;

const ru: Translation<typeof en> = {
  errors: {},
  ui: {
    a11y: {
      saleHeading: 'Продажа',
      paymentHeading: 'Оплата',
      receiptHeading: 'Продажа завершена',
      add: 'Добавить',
      syncOffline: 'Нет связи с центральным сервером: касса работает офлайн и отправит продажи позже.',
      choose: 'Выбрать',
      voidWhich: 'строка {{position}}: {{name}}',
    },
  },
};

const ro: Translation<typeof en> = {
  errors: {},
  ui: {
    a11y: {
      saleHeading: 'Vânzare',
      paymentHeading: 'Plată',
      receiptHeading: 'Vânzare finalizată',
      add: 'Adaugă',
      syncOffline: 'Serverul central nu este accesibil: casa lucrează offline și trimite vânzările mai târziu.',
      choose: 'Alege',
      voidWhich: 'linia {{position}}: {{name}}',
    },
  },
};

export const a11yStrings = { en, ru, ro };
