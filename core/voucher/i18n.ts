import type { Translation } from '../i18n/translation.js';
import type { VoucherErrorCode } from './errors.js';

/** Store-credit vouchers at the till: errors and the voucher part of the payment screen. */
const en = {
  errors: {
    VOUCHER_NOT_A_CODE: 'This is not a voucher code: it starts with SC and has 12 characters (SC-XXXXX-XXXXX).',
    VOUCHER_MISTYPED: 'This voucher code is mistyped: check each character against the voucher.',
    VOUCHER_UNKNOWN: 'No voucher of ours has this code: it may be another chain’s.',
    VOUCHER_SPENT: 'This voucher has been spent in full.',
    VOUCHER_INSUFFICIENT: 'This voucher holds only {{balance}}: take that much of it, or less.',
    VOUCHER_CURRENCY: 'This voucher is in another currency than this store’s.',
    VOUCHER_NEEDS_CONNECTION: 'This voucher needs a connection to central (it was not issued here): try again when the till is online, or pay another way.',
    VOUCHER_OVER_REMAINDER: 'Only {{remainder}} is left to pay: take no more than that from the voucher.',
    VOUCHER_ALREADY_ON_SALE: 'This voucher is already on this sale.',
    VOUCHER_HELD_ON_SALE: 'A voucher has paid part of this sale: remove it on the payment screen (its amount goes back on it), then cancel the sale.',
    VOUCHER_NOT_ON_SALE: 'That voucher is not on the open sale.',
    VOUCHER_RETURN_NEEDS_CONNECTION: 'Giving this voucher back needs a connection to central (it was not issued here): the voucher stays on the sale. Try again when the till is online, or complete the sale.',
    VOUCHER_IN_PROGRESS: 'Central is being asked about a voucher on this sale: wait a moment, then try again.',
  } satisfies Record<VoucherErrorCode, string>,
  ui: {
    voucher: {
      open: 'Pay with a store credit voucher',
      label: 'Store credit voucher',
      amount: 'From the voucher',
      amountHint: 'Empty: as much as it covers',
      apply: 'Take the voucher',
      held: 'Voucher {{code}}: {{amount}}',
      left: '{{balance}} left on it',
      offline: 'taken offline',
      method_voucher: 'Voucher',
      remove: 'Remove',
      removeLabel: 'Remove voucher {{code}} from the sale (its amount goes back on it)',
    },
  },
} as const;

const ru: Translation<typeof en> = {
  errors: {
    VOUCHER_NOT_A_CODE: 'Это не код ваучера: он начинается с SC и состоит из 12 символов (SC-XXXXX-XXXXX).',
    VOUCHER_MISTYPED: 'Код ваучера введён с ошибкой: сверьте каждый символ с ваучером.',
    VOUCHER_UNKNOWN: 'У нас нет ваучера с таким кодом: возможно, он другой сети.',
    VOUCHER_SPENT: 'Этот ваучер израсходован полностью.',
    VOUCHER_INSUFFICIENT: 'На ваучере только {{balance}}: спишите столько или меньше.',
    VOUCHER_CURRENCY: 'Ваучер в другой валюте, чем у этого магазина.',
    VOUCHER_NEEDS_CONNECTION: 'Для этого ваучера нужна связь с центральной системой (он выдан не здесь): повторите, когда касса будет в сети, или оплатите иначе.',
    VOUCHER_OVER_REMAINDER: 'Осталось оплатить только {{remainder}}: спишите с ваучера не больше.',
    VOUCHER_ALREADY_ON_SALE: 'Этот ваучер уже применён к продаже.',
    VOUCHER_HELD_ON_SALE: 'Часть этой продажи оплачена ваучером: уберите его на экране оплаты (сумма вернётся на ваучер), затем отмените продажу.',
    VOUCHER_NOT_ON_SALE: 'Этого ваучера нет в открытой продаже.',
    VOUCHER_RETURN_NEEDS_CONNECTION: 'Чтобы вернуть сумму на этот ваучер, нужна связь с центральной системой (он выдан не здесь): ваучер остаётся в продаже. Повторите, когда касса будет в сети, или завершите продажу.',
    VOUCHER_IN_PROGRESS: 'Идёт запрос в центральную систему по ваучеру этой продажи: подождите немного и повторите.',
  },
  ui: {
    voucher: {
      open: 'Оплатить ваучером магазина',
      label: 'Ваучер кредита магазина',
      amount: 'С ваучера',
      amountHint: 'Пусто: сколько покрывает',
      apply: 'Принять ваучер',
      held: 'Ваучер {{code}}: {{amount}}',
      left: 'на нём осталось {{balance}}',
      offline: 'принят офлайн',
      method_voucher: 'Ваучер',
      remove: 'Убрать',
      removeLabel: 'Убрать ваучер {{code}} из продажи (сумма вернётся на него)',
    },
  },
};

const ro: Translation<typeof en> = {
  errors: {
    VOUCHER_NOT_A_CODE: 'Acesta nu este un cod de voucher: începe cu SC și are 12 caractere (SC-XXXXX-XXXXX).',
    VOUCHER_MISTYPED: 'Codul voucherului este greșit: verificați fiecare caracter cu voucherul.',
    VOUCHER_UNKNOWN: 'Nu avem niciun voucher cu acest cod: poate fi al altei rețele.',
    VOUCHER_SPENT: 'Acest voucher a fost folosit integral.',
    VOUCHER_INSUFFICIENT: 'Pe acest voucher sunt doar {{balance}}: luați atât sau mai puțin.',
    VOUCHER_CURRENCY: 'Acest voucher este în altă monedă decât a magazinului.',
    VOUCHER_NEEDS_CONNECTION: 'Acest voucher are nevoie de conexiune cu centrul (nu a fost emis aici): încercați din nou când casa este online sau plătiți altfel.',
    VOUCHER_OVER_REMAINDER: 'Au mai rămas de plată doar {{remainder}}: nu luați mai mult de pe voucher.',
    VOUCHER_ALREADY_ON_SALE: 'Acest voucher este deja pe această vânzare.',
    VOUCHER_HELD_ON_SALE: 'Un voucher a plătit o parte din această vânzare: eliminați-l pe ecranul de plată (suma revine pe voucher), apoi anulați vânzarea.',
    VOUCHER_NOT_ON_SALE: 'Acest voucher nu este pe vânzarea deschisă.',
    VOUCHER_RETURN_NEEDS_CONNECTION: 'Returnarea sumei pe acest voucher are nevoie de conexiune cu centrul (nu a fost emis aici): voucherul rămâne pe vânzare. Încercați din nou când casa este online sau finalizați vânzarea.',
    VOUCHER_IN_PROGRESS: 'Centrul este întrebat despre un voucher de pe această vânzare: așteptați puțin, apoi încercați din nou.',
  },
  ui: {
    voucher: {
      open: 'Plătiți cu un voucher de credit la magazin',
      label: 'Voucher de credit la magazin',
      amount: 'De pe voucher',
      amountHint: 'Gol: cât acoperă',
      apply: 'Ia voucherul',
      held: 'Voucher {{code}}: {{amount}}',
      left: 'au rămas {{balance}} pe el',
      offline: 'luat offline',
      method_voucher: 'Voucher',
      remove: 'Eliminați',
      removeLabel: 'Eliminați voucherul {{code}} de pe vânzare (suma revine pe el)',
    },
  },
};

export const voucherStrings = { en, ru, ro };
