import { z } from 'zod';
import { CURRENCIES } from '../money.js';
import { CONSENT_CHANNELS, TOUCHPOINT_CHANNELS } from '../sync/ops.js';
import { text } from '../text.js';

/**
 * A segment's rules (S7): conditions over a customer's profile and behaviour, all of which must
 * hold. Central turns them into one set-based SQL query (central/src/segments/sql.ts); the
 * console's rule builder edits them.
 */
export const SEGMENT_CONDITION_KINDS = ['no_purchase_days', 'bought_category', 'open_cart_hours', 'first_channel', 'total_spend', 'consent'] as const;
export type SegmentConditionKind = (typeof SEGMENT_CONDITION_KINDS)[number];

export const SegmentCondition = z.discriminatedUnion('kind', [
  /** No purchase, in a store or online, in the last `days` days (never bought counts). */
  z.object({ kind: z.literal('no_purchase_days'), days: z.number().int().min(1).max(3650) }).strict(),
  /** Bought a product of this category in a store, ever. */
  z.object({ kind: z.literal('bought_category'), category: text({ min: 1, max: 100, trim: true }) }).strict(),
  /** An online cart (web or app) whose last addition is older than `hours` hours. */
  z.object({ kind: z.literal('open_cart_hours'), hours: z.number().int().min(1).max(8760) }).strict(),
  /** The channel of her first recorded touchpoint. */
  z.object({ kind: z.literal('first_channel'), channel: z.enum(TOUCHPOINT_CHANNELS) }).strict(),
  /** Spent at least this much in store purchases, in one currency (minor units). */
  z.object({ kind: z.literal('total_spend'), atLeastMinor: z.number().int().min(0).max(1e12), currency: z.enum(CURRENCIES) }).strict(),
  /** Agreed to be contacted on this channel (and has not withdrawn). */
  z.object({ kind: z.literal('consent'), channel: z.enum(CONSENT_CHANNELS) }).strict(),
]);
export type SegmentCondition = z.infer<typeof SegmentCondition>;

export const SegmentRules = z.object({ all: z.array(SegmentCondition).min(1).max(10) }).strict();
export type SegmentRules = z.infer<typeof SegmentRules>;

export const SEGMENT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;
