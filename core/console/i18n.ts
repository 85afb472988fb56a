import type { Translation } from '../i18n/translation.js';

/**
 * The central console's strings in en, ru and ro. Counted phrases have every plural form the
 * three languages use (`one`, `few`, `many`, `other`; Intl.PluralRules picks one), so a
 * language that needs a form never lacks it.
 */
const en = {
  errors: {
    UNAUTHENTICATED: 'Your session has ended. Sign in again.',
    SIGN_IN_FAILED: 'Wrong e-mail or password.',
    FORBIDDEN: 'Your role does not give access to this.',
    CSRF_INVALID: 'This page is out of date. Reload it and try again.',
    RATE_LIMITED: 'Too many attempts. Wait a minute and try again.',
    INPUT_INVALID: 'Check what you typed: it is not something the console can use.',
    NOT_FOUND: 'Not found: it may have been removed.',
    PHONE_INVALID: 'Not a phone number we can read. Type it with its country code (+40…, +373…) or as dialled in the country.',
    NETWORK: 'Central cannot be reached. Check the connection and try again.',
    INTERNAL: 'Something went wrong on central. Try again; if it persists, tell IT.',
  },
  ui: {
    app: {
      title: 'Omnitill console',
      language: 'Language',
      signedInAs: 'Signed in as {{name}}',
      signOut: 'Sign out',
      loading: 'Loading…',
      nav: 'Console sections',
    },
    roles: { marketer: 'Marketer', store_manager: 'Store manager', it_admin: 'IT admin' },
    signIn: {
      heading: 'Sign in to the console',
      email: 'E-mail',
      password: 'Password',
      submit: 'Sign in',
      working: 'Signing in…',
      required: 'Type your e-mail and password.',
    },
    home: {
      heading: 'Welcome, {{name}}',
      role: 'Your role: {{role}}',
      stores: { one: 'You see {{count}} store:', few: 'You see {{count}} stores:', many: 'You see {{count}} stores:', other: 'You see {{count}} stores:' },
      areas: 'What you can open',
    },
    areas: { customers: 'Customers', campaigns: 'Campaigns', analytics: 'Analytics', fleet: 'Stores and tills', users: 'Accounts' },
  },
} as const;

const ru: Translation<typeof en> = {
  errors: {
    UNAUTHENTICATED: 'Сеанс завершён. Войдите снова.',
    SIGN_IN_FAILED: 'Неверный e-mail или пароль.',
    FORBIDDEN: 'Ваша роль не даёт доступа к этому разделу.',
    CSRF_INVALID: 'Страница устарела. Обновите её и повторите.',
    RATE_LIMITED: 'Слишком много попыток. Подождите минуту и повторите.',
    INPUT_INVALID: 'Проверьте введённое: консоль не может это использовать.',
    NOT_FOUND: 'Не найдено: возможно, запись удалена.',
    PHONE_INVALID: 'Не удаётся прочитать номер телефона. Введите его с кодом страны (+7…, +373…) или так, как набирают в стране.',
    NETWORK: 'Нет связи с центральным сервером. Проверьте подключение и повторите.',
    INTERNAL: 'На центральном сервере произошла ошибка. Повторите; если не помогает, сообщите в ИТ.',
  },
  ui: {
    app: {
      title: 'Консоль Omnitill',
      language: 'Язык',
      signedInAs: 'Вы вошли как {{name}}',
      signOut: 'Выйти',
      loading: 'Загрузка…',
      nav: 'Разделы консоли',
    },
    roles: { marketer: 'Маркетолог', store_manager: 'Управляющий магазином', it_admin: 'ИТ-администратор' },
    signIn: {
      heading: 'Вход в консоль',
      email: 'E-mail',
      password: 'Пароль',
      submit: 'Войти',
      working: 'Входим…',
      required: 'Введите e-mail и пароль.',
    },
    home: {
      heading: 'Здравствуйте, {{name}}',
      role: 'Ваша роль: {{role}}',
      stores: { one: 'Вам доступен {{count}} магазин:', few: 'Вам доступны {{count}} магазина:', many: 'Вам доступны {{count}} магазинов:', other: 'Вам доступны {{count}} магазина:' },
      areas: 'Доступные разделы',
    },
    areas: { customers: 'Покупатели', campaigns: 'Кампании', analytics: 'Аналитика', fleet: 'Магазины и кассы', users: 'Учётные записи' },
  },
};

const ro: Translation<typeof en> = {
  errors: {
    UNAUTHENTICATED: 'Sesiunea s-a încheiat. Autentificați-vă din nou.',
    SIGN_IN_FAILED: 'E-mail sau parolă greșită.',
    FORBIDDEN: 'Rolul dvs. nu dă acces aici.',
    CSRF_INVALID: 'Pagina nu mai este actuală. Reîncărcați-o și încercați din nou.',
    RATE_LIMITED: 'Prea multe încercări. Așteptați un minut și încercați din nou.',
    INPUT_INVALID: 'Verificați ce ați scris: consola nu poate folosi această valoare.',
    NOT_FOUND: 'Nu a fost găsit: poate a fost șters.',
    PHONE_INVALID: 'Numărul de telefon nu poate fi citit. Scrieți-l cu prefixul țării (+40…, +373…) sau cum se formează în țară.',
    NETWORK: 'Serverul central nu poate fi contactat. Verificați conexiunea și încercați din nou.',
    INTERNAL: 'A apărut o eroare pe serverul central. Încercați din nou; dacă persistă, anunțați IT.',
  },
  ui: {
    app: {
      title: 'Consola Omnitill',
      language: 'Limba',
      signedInAs: 'Autentificat ca {{name}}',
      signOut: 'Ieșire',
      loading: 'Se încarcă…',
      nav: 'Secțiunile consolei',
    },
    roles: { marketer: 'Marketer', store_manager: 'Manager de magazin', it_admin: 'Administrator IT' },
    signIn: {
      heading: 'Autentificare în consolă',
      email: 'E-mail',
      password: 'Parolă',
      submit: 'Autentificare',
      working: 'Se autentifică…',
      required: 'Scrieți e-mailul și parola.',
    },
    home: {
      heading: 'Bun venit, {{name}}',
      role: 'Rolul dvs.: {{role}}',
      stores: { one: 'Vedeți {{count}} magazin:', few: 'Vedeți {{count}} magazine:', many: 'Vedeți {{count}} de magazine:', other: 'Vedeți {{count}} de magazine:' },
      areas: 'Ce puteți deschide',
    },
    areas: { customers: 'Clienți', campaigns: 'Campanii', analytics: 'Analiză', fleet: 'Magazine și case', users: 'Conturi' },
  },
};

export const consoleStrings = { en, ru, ro };
export type ConsoleStrings = Translation<typeof en>;
export type ConsoleErrorCode = keyof typeof en.errors;
