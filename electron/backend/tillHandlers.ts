import type { Language } from '../../core/i18n/index.js';
import type { tillContract } from '../../core/rpc/till.js';
import type { TillDatabase } from './db.js';
import type { EventRing } from './events.js';
import { appVersion } from './version.js';
import type { Handlers } from './rpc.js';
import type { TillSettings } from './settings.js';

/** The till's own methods: who and where it is, and its event stream. */
export function tillHandlers(d: {
  readonly db: TillDatabase;
  readonly settings: TillSettings;
  readonly language: Language;
  readonly events: EventRing;
}): Pick<Handlers, keyof typeof tillContract> {
  const { settings, language } = d;
  const schemaVersion = d.db.pragma('user_version', { simple: true }) as number;
  const version = appVersion();
  return {
    'till.info': () => ({
      tillId: settings.tillId,
      storeId: settings.storeId,
      storeName: settings.storeName,
      country: settings.country,
      currency: settings.currency,
      language,
      cashier: settings.cashier,
      timeZone: settings.timeZone,
      appVersion: version,
      schemaVersion,
    }),
    'till.events': ({ after, boot }) => d.events.since(after, boot),
  };
}
