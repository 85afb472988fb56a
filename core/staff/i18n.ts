import type { Translation } from '../i18n/translation.js';
import type { StaffErrorCode } from './errors.js';

/** Staff strings: sign-in, lock, roles and the permission errors. */
const en = {
  errors: {
    STAFF_SIGN_IN_REQUIRED: 'Sign in first: choose your name and type your PIN, or scan your staff card.',
    STAFF_SESSION_LOCKED: 'The till is locked. Type your PIN to carry on.',
    STAFF_UNKNOWN: 'This person cannot sign in at this till. Choose your name from the list.',
    STAFF_UNKNOWN_CARD: 'This staff card is not known at this till. Sign in with your PIN, or ask a manager.',
    STAFF_PIN_FORMAT: 'A PIN is 4 to 8 digits.',
    STAFF_WRONG_PIN: 'Wrong PIN. Attempts left before a 5-minute lock: {{left}}.',
    STAFF_PIN_LOCKED: 'Too many wrong PINs: {{name}} is locked until {{until}}. Another person can sign in.',
    STAFF_NOT_PERMITTED: '{{name}} ({{role}}) may not do this: {{action}}. Ask a manager.',
    STAFF_APPROVER_NOT_MANAGER: 'Only a manager can approve this.',
  } satisfies Record<StaffErrorCode, string>,
  ui: {
    staff: {
      title: 'Sign in',
      lockedTitle: 'Till locked',
      lockedBy: 'Locked by {{name}}. Type the PIN to carry on, or choose another person.',
      choose: 'Who is at the till?',
      pinFor: 'PIN for {{name}}',
      pinLabel: 'PIN',
      clear: 'Clear',
      back: 'Back',
      signIn: 'Sign in',
      ok: 'OK',
      cardHint: 'Or scan your staff card.',
      signOut: 'Sign out',
      lock: 'Lock',
      signedIn: '{{name}} · {{role}}',
      role_cashier: 'cashier',
      role_senior: 'senior cashier',
      role_manager: 'manager',
      noStaff: 'No staff at this till yet: pair it with central and sync.',
    },
  },
} as const;

const ru: Translation<typeof en> = {
  errors: {
    STAFF_SIGN_IN_REQUIRED: 'Сначала войдите: выберите своё имя и введите PIN или отсканируйте карту сотрудника.',
    STAFF_SESSION_LOCKED: 'Касса заблокирована. Введите PIN, чтобы продолжить.',
    STAFF_UNKNOWN: 'Этот сотрудник не может войти на этой кассе. Выберите своё имя из списка.',
    STAFF_UNKNOWN_CARD: 'Эта карта сотрудника неизвестна на этой кассе. Войдите по PIN или обратитесь к менеджеру.',
    STAFF_PIN_FORMAT: 'PIN — от 4 до 8 цифр.',
    STAFF_WRONG_PIN: 'Неверный PIN. Осталось попыток до блокировки на 5 минут: {{left}}.',
    STAFF_PIN_LOCKED: 'Слишком много неверных PIN: {{name}} заблокирован(а) до {{until}}. Войти может другой сотрудник.',
    STAFF_NOT_PERMITTED: '{{name}} ({{role}}) не может выполнить это действие: {{action}}. Обратитесь к менеджеру.',
    STAFF_APPROVER_NOT_MANAGER: 'Подтвердить это может только менеджер.',
  },
  ui: {
    staff: {
      title: 'Вход',
      lockedTitle: 'Касса заблокирована',
      lockedBy: 'Заблокировал(а) {{name}}. Введите PIN, чтобы продолжить, или выберите другого сотрудника.',
      choose: 'Кто за кассой?',
      pinFor: 'PIN для {{name}}',
      pinLabel: 'PIN',
      clear: 'Стереть',
      back: 'Назад',
      signIn: 'Войти',
      ok: 'ОК',
      cardHint: 'Или отсканируйте карту сотрудника.',
      signOut: 'Выйти',
      lock: 'Заблокировать',
      signedIn: '{{name}} · {{role}}',
      role_cashier: 'кассир',
      role_senior: 'старший кассир',
      role_manager: 'менеджер',
      noStaff: 'На этой кассе ещё нет сотрудников: подключите её к центральному серверу и синхронизируйте.',
    },
  },
};

const ro: Translation<typeof en> = {
  errors: {
    STAFF_SIGN_IN_REQUIRED: 'Autentificați-vă mai întâi: alegeți-vă numele și tastați PIN-ul sau scanați cardul de angajat.',
    STAFF_SESSION_LOCKED: 'Casa este blocată. Tastați PIN-ul pentru a continua.',
    STAFF_UNKNOWN: 'Această persoană nu se poate autentifica la această casă. Alegeți-vă numele din listă.',
    STAFF_UNKNOWN_CARD: 'Acest card de angajat nu este cunoscut la această casă. Autentificați-vă cu PIN-ul sau cereți ajutorul unui manager.',
    STAFF_PIN_FORMAT: 'PIN-ul are între 4 și 8 cifre.',
    STAFF_WRONG_PIN: 'PIN greșit. Încercări rămase până la o blocare de 5 minute: {{left}}.',
    STAFF_PIN_LOCKED: 'Prea multe PIN-uri greșite: {{name}} este blocat(ă) până la {{until}}. Se poate autentifica altă persoană.',
    STAFF_NOT_PERMITTED: '{{name}} ({{role}}) nu poate face asta: {{action}}. Cereți ajutorul unui manager.',
    STAFF_APPROVER_NOT_MANAGER: 'Doar un manager poate aproba asta.',
  },
  ui: {
    staff: {
      title: 'Autentificare',
      lockedTitle: 'Casă blocată',
      lockedBy: 'Blocată de {{name}}. Tastați PIN-ul pentru a continua sau alegeți altă persoană.',
      choose: 'Cine este la casă?',
      pinFor: 'PIN pentru {{name}}',
      pinLabel: 'PIN',
      clear: 'Șterge',
      back: 'Înapoi',
      signIn: 'Autentificare',
      ok: 'OK',
      cardHint: 'Sau scanați cardul de angajat.',
      signOut: 'Ieșire',
      lock: 'Blochează',
      signedIn: '{{name}} · {{role}}',
      role_cashier: 'casier',
      role_senior: 'casier principal',
      role_manager: 'manager',
      noStaff: 'Nu există încă angajați la această casă: conectați-o la serverul central și sincronizați.',
    },
  },
};

export const staffStrings = { en, ru, ro };
