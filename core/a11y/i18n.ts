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
      choose: 'Alege',
      voidWhich: 'linia {{position}}: {{name}}',
    },
  },
};

export const a11yStrings = { en, ru, ro };
