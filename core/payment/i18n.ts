import type { Translation } from '../i18n/translation.js';
import type { PaymentErrorCode } from './errors.js';

/** Card and split payment strings: the errors and the payment screen. */
const en = {
  errors: {
    PAYMENT_DECLINED: 'The card was declined. Ask for another card or another way to pay; nothing was charged.',
    PAYMENT_DECLINED_FUNDS: 'The card was declined: not enough funds. Ask for another card or another way to pay; nothing was charged.',
    PAYMENT_CANCELLED: 'The card payment was cancelled; nothing was charged. The sale is still open.',
    PAYMENT_TERMINAL_ERROR: 'The card terminal reported a fault; nothing was charged. Check the terminal and try again.',
    PAYMENT_TIMEOUT: 'The card terminal did not answer in time; nothing was recorded as paid. Check the terminal, then try again.',
    PAYMENT_CARD_OVER_REMAINDER: 'The card amount is more than what is left to pay ({{remainder}}). The card pays at most the rest; change comes only from cash.',
    PAYMENT_CARD_OVER_TOTAL: 'The cards already paid more than the sale now costs. Refund the card payment to the card, then pay again.',
    PAYMENT_METHOD_NOT_ALLOWED: 'This store does not take this way of paying.',
    PAYMENT_NO_TERMINAL: 'No card terminal is set up at this till: take cash.',
    PAYMENT_IN_PROGRESS: 'The card terminal is still working on a payment: wait for it, or cancel it.',
    PAYMENT_CARD_HELD: 'A card payment is already taken on this sale: refund it to the card before cancelling the sale.',
    PAYMENT_ATTEMPT_NOT_FOUND: 'That card payment is not held on the open sale.',
  } satisfies Record<PaymentErrorCode, string>,
  ui: {
    tender: {
      title: 'Payment',
      due: 'To pay',
      remainder: 'Left to pay',
      byCard: 'By card',
      byCash: 'Cash received',
      allCard: 'Rest by card',
      cashDue: 'Cash due',
      change: 'Change',
      short: 'Still due',
      pay: 'Pay',
      waiting: 'Waiting for the card terminal: the customer inserts, taps or swipes the card and enters the PIN.',
      waitingAmount: 'Card payment of {{amount}}',
      cancelCard: 'Cancel card payment',
      held: 'Paid by card **** {{last4}}: {{amount}} (approval {{code}})',
      reverse: 'Refund to card',
      reversed: 'The card payment was refunded to the card.',
      noCard: 'Card payments are not available at this till.',
    },
  },
} as const;

const ru: Translation<typeof en> = {
  errors: {
    PAYMENT_DECLINED: 'Карта отклонена. Попросите другую карту или другой способ оплаты; деньги не списаны.',
    PAYMENT_DECLINED_FUNDS: 'Карта отклонена: недостаточно средств. Попросите другую карту или другой способ оплаты; деньги не списаны.',
    PAYMENT_CANCELLED: 'Оплата картой отменена; деньги не списаны. Чек остаётся открытым.',
    PAYMENT_TERMINAL_ERROR: 'Платёжный терминал сообщил о сбое; деньги не списаны. Проверьте терминал и повторите.',
    PAYMENT_TIMEOUT: 'Платёжный терминал не ответил вовремя; оплата не записана. Проверьте терминал и повторите.',
    PAYMENT_CARD_OVER_REMAINDER: 'Сумма по карте больше остатка к оплате ({{remainder}}). Картой можно оплатить не больше остатка; сдача — только с наличных.',
    PAYMENT_CARD_OVER_TOTAL: 'По картам уже оплачено больше, чем теперь стоит чек. Верните оплату на карту и оплатите заново.',
    PAYMENT_METHOD_NOT_ALLOWED: 'Этот магазин не принимает такой способ оплаты.',
    PAYMENT_NO_TERMINAL: 'На этой кассе не подключён платёжный терминал: примите наличные.',
    PAYMENT_IN_PROGRESS: 'Платёжный терминал ещё проводит оплату: дождитесь её или отмените.',
    PAYMENT_CARD_HELD: 'По этому чеку уже проведена оплата картой: верните её на карту, прежде чем отменять чек.',
    PAYMENT_ATTEMPT_NOT_FOUND: 'Такой оплаты картой нет в открытом чеке.',
  },
  ui: {
    tender: {
      title: 'Оплата',
      due: 'К оплате',
      remainder: 'Осталось оплатить',
      byCard: 'Картой',
      byCash: 'Получено наличными',
      allCard: 'Остаток картой',
      cashDue: 'Наличными',
      change: 'Сдача',
      short: 'Не хватает',
      pay: 'Оплатить',
      waiting: 'Ожидание платёжного терминала: покупатель вставляет, прикладывает или проводит карту и вводит ПИН.',
      waitingAmount: 'Оплата картой: {{amount}}',
      cancelCard: 'Отменить оплату картой',
      held: 'Оплачено картой **** {{last4}}: {{amount}} (код {{code}})',
      reverse: 'Вернуть на карту',
      reversed: 'Оплата картой возвращена на карту.',
      noCard: 'Оплата картой на этой кассе недоступна.',
    },
  },
};

const ro: Translation<typeof en> = {
  errors: {
    PAYMENT_DECLINED: 'Cardul a fost refuzat. Cereți alt card sau altă modalitate de plată; nu s-a încasat nimic.',
    PAYMENT_DECLINED_FUNDS: 'Cardul a fost refuzat: fonduri insuficiente. Cereți alt card sau altă modalitate de plată; nu s-a încasat nimic.',
    PAYMENT_CANCELLED: 'Plata cu cardul a fost anulată; nu s-a încasat nimic. Vânzarea rămâne deschisă.',
    PAYMENT_TERMINAL_ERROR: 'Terminalul de plată a raportat o defecțiune; nu s-a încasat nimic. Verificați terminalul și încercați din nou.',
    PAYMENT_TIMEOUT: 'Terminalul de plată nu a răspuns la timp; nu s-a înregistrat nicio plată. Verificați terminalul, apoi încercați din nou.',
    PAYMENT_CARD_OVER_REMAINDER: 'Suma pe card depășește restul de plată ({{remainder}}). Cardul plătește cel mult restul; restul în bani se dă doar din numerar.',
    PAYMENT_CARD_OVER_TOTAL: 'Cardurile au plătit deja mai mult decât costă acum vânzarea. Returnați plata pe card, apoi plătiți din nou.',
    PAYMENT_METHOD_NOT_ALLOWED: 'Acest magazin nu acceptă această modalitate de plată.',
    PAYMENT_NO_TERMINAL: 'La această casă nu este configurat un terminal de plată: primiți numerar.',
    PAYMENT_IN_PROGRESS: 'Terminalul de plată procesează încă o plată: așteptați-o sau anulați-o.',
    PAYMENT_CARD_HELD: 'Pe această vânzare există deja o plată cu cardul: returnați-o pe card înainte de a anula vânzarea.',
    PAYMENT_ATTEMPT_NOT_FOUND: 'Această plată cu cardul nu există pe vânzarea deschisă.',
  },
  ui: {
    tender: {
      title: 'Plată',
      due: 'De plată',
      remainder: 'Rest de plată',
      byCard: 'Cu cardul',
      byCash: 'Numerar primit',
      allCard: 'Restul cu cardul',
      cashDue: 'Numerar de plată',
      change: 'Rest',
      short: 'Mai trebuie',
      pay: 'Plătește',
      waiting: 'Se așteaptă terminalul de plată: clientul introduce, apropie sau glisează cardul și tastează PIN-ul.',
      waitingAmount: 'Plată cu cardul: {{amount}}',
      cancelCard: 'Anulează plata cu cardul',
      held: 'Plătit cu cardul **** {{last4}}: {{amount}} (autorizare {{code}})',
      reverse: 'Returnează pe card',
      reversed: 'Plata cu cardul a fost returnată pe card.',
      noCard: 'Plata cu cardul nu este disponibilă la această casă.',
    },
  },
};

export const paymentStrings = { en, ru, ro };
