import type { Db } from '../db.js';
import { ApiError } from '../errors.js';
import { route, type AnyRoute, type Caller } from '../routes.js';
import { RedeemInput, RedeemResult, ReleaseInput, ReleaseResult, redeem, release, reserve, ReserveInput, ReserveResult } from './ledger.js';
import { quote, QuoteInput, QuoteResult } from './quote.js';
import { CartReminderPolicy, cartReminderPolicy, issueCartReminders, setCartReminderPolicy } from './cartReminders.js';
import { z } from 'zod';

function holderOf(caller: Caller): string {
  if (caller.kind === 'channel') return `channel:${caller.clientId}`;
  if (caller.kind === 'till') return `till:${caller.tillId}`;
  throw new ApiError('FORBIDDEN', 'only a channel client or a till holds promo codes');
}

/** The channel a web client redeems for: the one it names, else the first it declared (never `store`, the tills'). */
function channelOf(caller: Caller, named: string | undefined): string {
  if (caller.kind !== 'channel' || !caller.channels[0]) throw new ApiError('FORBIDDEN', 'this client declares no channel');
  if (named !== undefined && !caller.channels.includes(named)) throw new ApiError('FORBIDDEN', `this client may redeem for its own channels only, not ${named}`);
  return named ?? caller.channels[0];
}

/** Promotions for the web shop and app (quote, reserve, release, redeem) and the tills' reserve and release. */
export function promoRoutes(db: Db): AnyRoute[] {
  return [
    route({
      method: 'POST',
      url: '/v1/promo/quote',
      auth: 'channel',
      tag: 'channel',
      summary: 'A cart and codes priced by the same promotion engine as the tills: per-line discounts, applied promotions, a reason for every code that does not apply',
      body: QuoteInput,
      response: QuoteResult,
      handler: async ({ body }) => quote(db, body),
    }),
    route({
      method: 'POST',
      url: '/v1/promo/reserve',
      auth: 'channel',
      tag: 'channel',
      summary: 'Hold a code for an order (its ULID) for a time: a single-use code is held by one order or sale at a time across every channel',
      body: ReserveInput,
      response: ReserveResult,
      handler: async ({ body, caller }) => reserve(db, holderOf(caller), body),
    }),
    route({
      method: 'POST',
      url: '/v1/promo/release',
      auth: 'channel',
      tag: 'channel',
      summary: 'Let a held code go (order cancelled, code removed)',
      body: ReleaseInput,
      response: ReleaseResult,
      handler: async ({ body, caller }) => release(db, holderOf(caller), body),
    }),
    route({
      method: 'POST',
      url: '/v1/promo/redeem',
      auth: 'channel',
      tag: 'channel',
      summary: 'Redeem a code for a paid order: exactly once per order and code (a retry answers the first result), a single-use code once across every channel',
      body: RedeemInput,
      response: RedeemResult,
      handler: async ({ body, caller }) => redeem(db, channelOf(caller, body.channel), body),
    }),
    route({
      method: 'POST',
      url: '/v1/till/promo/reserve',
      auth: 'till',
      tag: 'till',
      summary: "Hold a code for the till's open sale (its ULID); the sale's promo.redeemed op turns it into a redemption",
      body: ReserveInput,
      response: ReserveResult,
      handler: async ({ body, caller }) => reserve(db, holderOf(caller), body),
    }),
    route({
      method: 'POST',
      url: '/v1/till/promo/release',
      auth: 'till',
      tag: 'till',
      summary: 'Let a code the till held go (sale cancelled, code removed)',
      body: ReleaseInput,
      response: ReleaseResult,
      handler: async ({ body, caller }) => release(db, holderOf(caller), body),
    }),
    route({
      method: 'PUT',
      url: '/v1/admin/cart-reminder',
      auth: 'admin',
      tag: 'admin',
      summary: "The abandoned-cart reminder: which campaign's personal code a customer gets when her online cart has not moved for afterHours (up to maxAgeHours), valid validDays",
      body: CartReminderPolicy,
      response: CartReminderPolicy,
      handler: async ({ body }) => setCartReminderPolicy(db, body),
    }),
    route({
      method: 'GET',
      url: '/v1/admin/cart-reminder',
      auth: 'admin',
      tag: 'admin',
      summary: 'The abandoned-cart reminder policy; null when no reminders are issued',
      response: z.object({ policy: CartReminderPolicy.nullable() }),
      handler: async () => ({ policy: await cartReminderPolicy(db) }),
    }),
    route({
      method: 'POST',
      url: '/v1/admin/cart-reminder/run',
      auth: 'admin',
      tag: 'admin',
      summary: 'Issue the cart reminders due now (central also runs this on its own every few minutes)',
      response: z.object({ issued: z.number().int() }),
      handler: async () => ({ issued: await issueCartReminders(db) }),
    }),
  ];
}
