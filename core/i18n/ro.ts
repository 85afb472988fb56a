import type { en } from './en.js';
import type { Translation } from './translation.js';

export const ro: Translation<typeof en> = {
  errors: {
    INTERNAL: 'A apărut o eroare în casă. Vânzarea este în siguranță; încercați din nou, iar dacă se repetă sunați la suport.',
    INPUT_INVALID: 'Cererea nu a fost înțeleasă ({{detail}}).',
    RPC_UNKNOWN_METHOD: 'Casa nu cunoaște acțiunea „{{method}}”. Actualizați aplicația.',
    RPC_PAYLOAD_TOO_LARGE: 'Cererea este prea mare.',
    RPC_FORBIDDEN: 'Această fereastră nu are voie să folosească casa.',
    MONEY_CURRENCY_MISMATCH: 'Sumele în valute diferite nu se pot aduna.',
    MONEY_OVERFLOW: 'Suma este prea mare.',
    VAT_RATE_UNKNOWN: 'Nu se cunoaște cota TVA pentru {{category}} în {{country}} la {{day}}. Sunați la suport.',
    DB_NEWER_THAN_APP: 'Baza de date a casei (versiunea {{db}}) este mai nouă decât aplicația (versiunea {{app}}). Instalați ultima versiune Omnitill.',
    DB_CORRUPT: 'Baza de date a casei este deteriorată sau cheia ei (till.key sau depozitul de chei al sistemului) lipsește ori este greșită; nu s-a modificat nimic. Sunați la suport; nu ștergeți niciun fișier.',
    DB_MIGRATION_FAILED: 'Actualizarea bazei de date a casei a eșuat; nu s-a modificat nimic. Sunați la suport.',
  },
  ui: {
    languageName: 'Română',
    header: {
      store: 'Magazin',
      till: 'Casa',
      cashier: 'Casier',
      language: 'Limba',
      settings: 'Setări',
      demoCashier: 'Casier demo',
    },
    connection: {
      connecting: 'Conectare la casă…',
      open: 'Gata de scanare',
      reconnecting: 'Legătura cu casa s-a pierdut — reconectare…',
      lost: 'Casa nu poate fi contactată. Așteptați reconectarea, verificați vânzarea de pe ecran și repetați ultima acțiune.',
      timeout: 'Casa nu a răspuns la timp. Verificați vânzarea de pe ecran înainte de a repeta ultima acțiune.',
    },
    alert: {
      dismiss: 'Închide',
    },
    keys: {
      hint: 'F2 cod · F3 căutare · F4 plată · F7 cameră · F8 client · Esc înapoi',
    },
  },
};
