import type { Translation } from '../i18n/translation.js';
import type { CustomerErrorCode } from './errors.js';

/** The customer's strings: why a phone number was refused. */
const en = {
  errors: {
    PHONE_INVALID: 'This is not a valid phone number. Check the digits, or type it with the country code (+373…, +40…, +380…, +7…).',
  } satisfies Record<CustomerErrorCode, string>,
  ui: {},
} as const;

const ru: Translation<typeof en> = {
  errors: {
    PHONE_INVALID: 'Это не номер телефона. Проверьте цифры или введите номер с кодом страны (+7…, +380…, +373…, +40…).',
  },
  ui: {},
};

const ro: Translation<typeof en> = {
  errors: {
    PHONE_INVALID: 'Acesta nu este un număr de telefon valid. Verificați cifrele sau introduceți-l cu prefixul țării (+40…, +373…, +380…, +7…).',
  },
  ui: {},
};

export const customerStrings = { en, ru, ro };
