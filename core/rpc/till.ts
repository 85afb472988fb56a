import { z } from 'zod';
import { CURRENCIES } from '../money.js';
import { COUNTRIES } from '../vat.js';
import { LANGUAGES } from '../i18n/index.js';
import { TillEventEntry } from '../hardware/hardware.js';

/** The till's own methods, shared by every feature: who and where it is, and what happened in it. */

export const TillInfo = z.object({
  tillId: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  country: z.enum(COUNTRIES),
  currency: z.enum(CURRENCIES),
  language: z.enum(LANGUAGES),
  cashier: z.string(),
  /** The store's IANA time zone: receipt times are shown in it, whatever the machine's clock zone. */
  timeZone: z.string(),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
});
export type TillInfo = z.infer<typeof TillInfo>;

export const EventPage = z.object({
  boot: z.string(),
  seq: z.number().int(),
  missed: z.boolean(),
  events: z.array(TillEventEntry),
});
export type EventPage = z.infer<typeof EventPage>;

export const tillContract = {
  'till.info': { input: z.object({}).strict(), output: TillInfo },
  /** What happened in the backend since `after` (a serial scan, printer news); polled by the screens. */
  'till.events': {
    input: z.object({ after: z.number().int().min(0), boot: z.string().max(64).optional() }).strict(),
    output: EventPage,
  },
} as const;
