import type { Translation } from '../i18n/translation.js';

/** The customer-facing display's strings: what the customer reads on the second screen. */
const en = {
  errors: {},
  ui: {
    display: {
      title: 'Your purchase',
      welcome: 'Welcome',
      idleHint: 'Your items appear here as the cashier scans them.',
      hello: 'Hello, {{name}}!',
      empty: 'Nothing scanned yet.',
      item: 'Item',
      amount: 'Amount',
      quantity: '× {{quantity}}',
      subtotal: 'Subtotal',
      saved: 'You save',
      storeDiscount: 'Store discount',
      total: 'Total',
      paid: 'Paid',
      change: 'Change',
      thanks: 'Thank you for your purchase!',
      waiting: 'Connecting to the till…',
    },
  },
} as const;

const ru: Translation<typeof en> = {
  errors: {},
  ui: {
    display: {
      title: 'Ваша покупка',
      welcome: 'Добро пожаловать',
      idleHint: 'Здесь появятся товары, которые пробивает кассир.',
      hello: 'Здравствуйте, {{name}}!',
      empty: 'Пока ничего не пробито.',
      item: 'Товар',
      amount: 'Сумма',
      quantity: '× {{quantity}}',
      subtotal: 'Сумма без скидок',
      saved: 'Ваша экономия',
      storeDiscount: 'Скидка магазина',
      total: 'Итого',
      paid: 'Оплачено',
      change: 'Сдача',
      thanks: 'Спасибо за покупку!',
      waiting: 'Подключение к кассе…',
    },
  },
};

const ro: Translation<typeof en> = {
  errors: {},
  ui: {
    display: {
      title: 'Cumpărăturile dvs.',
      welcome: 'Bine ați venit',
      idleHint: 'Produsele apar aici pe măsură ce casierul le scanează.',
      hello: 'Bună ziua, {{name}}!',
      empty: 'Nimic scanat încă.',
      item: 'Produs',
      amount: 'Sumă',
      quantity: '× {{quantity}}',
      subtotal: 'Subtotal',
      saved: 'Economisiți',
      storeDiscount: 'Reducere de la magazin',
      total: 'Total',
      paid: 'Plătit',
      change: 'Rest',
      thanks: 'Vă mulțumim pentru cumpărături!',
      waiting: 'Conectare la casă…',
    },
  },
};

export const displayStrings = { en, ru, ro };
