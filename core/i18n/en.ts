import type { SharedErrorCode } from '../errors.js';

/**
 * English, the reference: the strings all features share (the shared error codes, the header,
 * the connection, alerts, the keys). A feature keeps its own in `core/<feature>/i18n.ts`;
 * index.ts merges them into one catalogue a language.
 */
export const en = {
  errors: {
    INTERNAL: 'Something went wrong in the till. The sale is safe; try again, and call support if it repeats.',
    INPUT_INVALID: 'The request was not understood ({{detail}}).',
    RPC_UNKNOWN_METHOD: 'This till does not know the action "{{method}}". Update the till.',
    RPC_PAYLOAD_TOO_LARGE: 'The request is too large.',
    RPC_FORBIDDEN: 'This window is not allowed to use the till.',
    MONEY_CURRENCY_MISMATCH: 'Amounts in different currencies cannot be combined.',
    MONEY_OVERFLOW: 'That amount is too large.',
    VAT_RATE_UNKNOWN: 'No VAT rate is known for {{category}} in {{country}} on {{day}}. Call support.',
    DB_NEWER_THAN_APP: 'The till database (version {{db}}) is newer than this app (version {{app}}). Install the latest Omnitill.',
    DB_CORRUPT: 'The till database is damaged, or its key (till.key or the system keychain) is missing or wrong; nothing was changed. Call support; do not delete any files.',
    DB_MIGRATION_FAILED: 'Updating the till database failed; nothing was changed. Call support.',
  } satisfies Record<SharedErrorCode, string>,
  ui: {
    languageName: 'English',
    header: {
      store: 'Store',
      till: 'Till',
      cashier: 'Cashier',
      language: 'Language',
      settings: 'Settings',
      demoCashier: 'Demo cashier',
    },
    connection: {
      connecting: 'Connecting to the till…',
      open: 'Ready to scan',
      reconnecting: 'Connection to the till lost — reconnecting…',
      lost: 'The till backend cannot be reached. Wait for it to reconnect, then check the sale on screen and repeat the last action.',
      timeout: 'The till backend did not answer in time. Check the sale on screen before repeating the last action.',
    },
    alert: {
      dismiss: 'Dismiss',
    },
    keys: {
      hint: 'F2 barcode · F3 search · F4 pay · F7 camera · F8 customer · Esc back',
    },
  },
} as const;
