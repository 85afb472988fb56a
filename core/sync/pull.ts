import { z } from 'zod';
import { CURRENCIES } from '../money.js';
import { VAT_CATEGORIES } from '../vat.js';
import { CONSENT_CHANNELS } from './ops.js';
import { ROLES } from '../staff/roles.js';
import { PIN_HASH_PATTERN } from '../staff/pinHash.js';
import { StoreDoc } from '../store/policy.js';

/**
 * What a till pulls from central: pages of changes to the entities in its scope, each the
 * entity's whole current state (or a tombstone), in an order where a cursor never skips a
 * change committed late. The cursor is opaque: the till stores it with the page, in the same
 * transaction, and sends it back.
 */

const IsoTime = z.iso.datetime({ offset: true });
const Minor = z.number().int().min(0).max(1_000_000_000);

export const CustomerDoc = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  segments: z.array(z.string()),
  phones: z.array(z.string().regex(/^\+[1-9]\d{6,14}$/)),
  consents: z.array(z.object({ channel: z.enum(CONSENT_CHANNELS), granted: z.boolean(), changedAt: IsoTime })),
  updatedAt: IsoTime,
});
export type CustomerDoc = z.infer<typeof CustomerDoc>;

export const ONLINE_CHANNELS = ['web', 'app'] as const;

export const CartLine = z.object({
  sku: z.string().min(1).max(64),
  quantity: z.number().int().min(1).max(9_999),
  priceSeenMinor: Minor,
  currency: z.enum(CURRENCIES),
  addedAt: IsoTime,
});
export type CartLine = z.infer<typeof CartLine>;

export const CartDoc = z.object({
  customerId: z.string(),
  channel: z.enum(ONLINE_CHANNELS),
  lines: z.array(CartLine),
});
export type CartDoc = z.infer<typeof CartDoc>;

export const FAVOURITE_CHANNELS = ['web', 'app', 'store'] as const;

export const FavouriteDoc = z.object({
  customerId: z.string(),
  sku: z.string(),
  channel: z.enum(FAVOURITE_CHANNELS),
  addedAt: IsoTime,
});
export type FavouriteDoc = z.infer<typeof FavouriteDoc>;

/** One line of an online order, as the web shop sold it. */
export const OnlineOrderLine = z.object({
  sku: z.string().min(1).max(64),
  quantity: z.number().int().min(1).max(9_999),
  priceMinor: Minor,
});
export type OnlineOrderLine = z.infer<typeof OnlineOrderLine>;

/** An order placed online (web shop, app), as a till keeps it for her purchase history. */
export const OnlineOrderDoc = z.object({
  id: z.string(),
  customerId: z.string(),
  channel: z.enum(ONLINE_CHANNELS),
  /** The shop's own order number, as she knows it. */
  orderRef: z.string(),
  /** The store a click-and-collect order is collected in; null for a delivery. */
  storeId: z.string().nullable(),
  storeName: z.string().nullable(),
  currency: z.enum(CURRENCIES),
  totalMinor: Minor,
  items: z.number().int().min(0),
  placedAt: IsoTime,
});
export type OnlineOrderDoc = z.infer<typeof OnlineOrderDoc>;

/** One customer whole, as central answers a lookup: what the cache holds of her, fresh. */
export const CustomerProfileDoc = z.object({
  customer: CustomerDoc,
  carts: z.array(CartDoc),
  favourites: z.array(FavouriteDoc),
});
export type CustomerProfileDoc = z.infer<typeof CustomerProfileDoc>;

/**
 * What central answers a till's live lookup: her profile and her latest online orders, so the
 * panel's history holds an order placed since the last pull. A central of an earlier release
 * sends no orders (the pull brings them).
 */
export const LiveCustomerDoc = CustomerProfileDoc.extend({ onlineOrders: z.array(OnlineOrderDoc).optional() });
export type LiveCustomerDoc = z.infer<typeof LiveCustomerDoc>;

export const ProductDoc = z.object({
  sku: z.string(),
  barcodes: z.array(z.string()),
  names: z.object({ en: z.string(), ru: z.string(), ro: z.string() }),
  vatCategory: z.enum(VAT_CATEGORIES),
  category: z.string(),
  soldBy: z.enum(['unit', 'weight']),
  plu: z.string().nullable(),
  /** The brand a campaign's rules.brands names; absent from a central of an earlier release, null: none. */
  brand: z.string().nullable().optional(),
});
export type ProductDoc = z.infer<typeof ProductDoc>;

export const PriceDoc = z.object({ sku: z.string(), storeId: z.string(), priceMinor: Minor });
export type PriceDoc = z.infer<typeof PriceDoc>;

const Key = z.string().min(1).max(64);

export const PROMO_CHANNELS = ['store', 'web', 'app'] as const;
export const PROMO_ALLOCATIONS = ['each', 'once', 'across'] as const;

/** A calendar day, YYYY-MM-DD, that exists. */
const LocalDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, 'not a calendar day');

/**
 * A campaign's nested objects are strict where central takes a marketer's input (an unknown field
 * is refused) and lenient where a till reads what a newer central sends (an unknown field ignored).
 */
function nested(strict: boolean) {
  const object = <T extends z.ZodRawShape>(shape: T) => (strict ? z.strictObject(shape) : z.object(shape));
  const reward = z.discriminatedUnion('kind', [
    object({ kind: z.literal('free') }),
    object({ kind: z.literal('percent'), percent: z.number().gt(0).max(100) }),
    object({ kind: z.literal('amount'), amountMinor: Minor.min(1) }),
  ]);
  return {
    /** A benefit beyond percent/amount off (core/promo/README.md). */
    benefit: z.discriminatedUnion('kind', [
      object({ kind: z.literal('buy_x_get_y'), buy: z.number().int().min(1).max(1000), get: z.number().int().min(1).max(1000), reward }),
      object({ kind: z.literal('fixed_price_set'), quantity: z.number().int().min(2).max(1000), priceMinor: Minor }),
    ]),
    days: object({ first: LocalDay, last: LocalDay }).refine((d) => d.first <= d.last, { message: 'the last day is before the first', path: ['last'] }),
  };
}
const lenient = nested(false);
const strictInput = nested(true);

export const CampaignBenefit = lenient.benefit;
export type CampaignBenefit = z.infer<typeof CampaignBenefit>;

/** A campaign's conditions beyond its dates and currency; absent = any. */
export const CampaignRules = z.object({
  /** Applies by itself, no code needed (its codes, if any, are ignored). */
  automatic: z.boolean().optional(),
  segments: z.array(Key).max(50).optional(),
  firstPurchaseOnly: z.boolean().optional(),
  minBasketMinor: Minor.optional(),
  skus: z.array(Key).max(1000).optional(),
  categories: z.array(Key).max(100).optional(),
  priority: z.number().int().min(-1000).max(1000).optional(),
  exclusive: z.boolean().optional(),
  /**
   * Offline policy "signed": offline, a till takes a code of this campaign only from a signed
   * offer (OT1.O…, core/scan/signed.ts) central issued, at most offlineCapPerTill per till.
   */
  signedOffers: z.boolean().optional(),
  /** How often one customer may use it (a stream QR: once); counted where her sales are known. */
  perCustomer: z.number().int().min(1).max(1000).optional(),
  /** Where it may be spent (absent = everywhere); the campaign's `channel` is where it was handed out. */
  channels: z.array(z.enum(PROMO_CHANNELS)).min(1).max(3).optional(),
  /** Named customers only: the sale must carry one of them. */
  customers: z.array(Key).max(1000).optional(),
  /** Targets by brand, like `categories`. */
  brands: z.array(Key).max(100).optional(),
  /** Units the matching lines must hold (inclusive). */
  minQuantity: z.number().int().min(1).max(100_000).optional(),
  /** How a percent or amount falls on the target lines; default percent → each, amount → across (core/promo/README.md). */
  allocation: z.enum(PROMO_ALLOCATIONS).optional(),
  /** Units per line (each), one quota shared by the lines (once), deals (buy X get Y), sets (fixed price). */
  maxQuantity: z.number().int().min(1).max(100_000).optional(),
  /** The most one sale gets from this promotion, minor units; a binding cap is re-spread over the lines. */
  capMinor: Minor.min(1).optional(),
  /** Total redemptions across the chain. */
  maxUses: z.number().int().min(1).max(100_000_000).optional(),
  /** Total discount the campaign may give across the chain, minor units. */
  budgetMinor: Minor.min(1).optional(),
  /** Replaces discountKind/discountValue when present. */
  benefit: CampaignBenefit.optional(),
  /**
   * Validity as whole local days, inclusive, each store in its own time zone (the web shop in the
   * chain's): the engine checks these instead of startsAt/endsAt, which central widens to cover them.
   */
  days: lenient.days.optional(),
});
export type CampaignRules = z.infer<typeof CampaignRules>;

/** The rules as central takes them from a marketer or automation: every object strict. */
export const CampaignRulesInput = CampaignRules.extend({ benefit: strictInput.benefit.optional(), days: strictInput.days.optional() }).strict();

export const CampaignDoc = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.string(),
  codeKind: z.enum(['unique', 'shared']),
  discountKind: z.enum(['percent', 'amount']),
  discountValue: z.number().int().positive(),
  currency: z.enum(CURRENCIES).nullable(),
  startsAt: IsoTime,
  endsAt: IsoTime,
  offlineAllowed: z.boolean(),
  offlineCapPerTill: z.number().int().min(0),
  /** Beyond the code campaign: an automatic promotion, who may have it, what the basket must hold (core/promo/fromSync.ts). */
  rules: CampaignRules.optional(),
  /** Uses and discount given so far across the chain, as central counted them (maxUses, budgetMinor). */
  usage: z.object({ uses: z.number().int().min(0), spentMinor: z.number().int().min(0) }).optional(),
});
export type CampaignDoc = z.infer<typeof CampaignDoc>;

export const PromoCodeDoc = z.object({
  code: z.string(),
  campaignId: z.string(),
  singleUse: z.boolean(),
  state: z.enum(['issued', 'redeemed', 'void']),
  expiresAt: IsoTime.nullable(),
  /** A personal offer's customer: the till applies it when she is attached to the sale. */
  customerId: z.string().min(1).max(64).nullable().optional(),
});
export type PromoCodeDoc = z.infer<typeof PromoCodeDoc>;

/**
 * A person who may sign in at the chain's tills: never the PIN, only its scrypt hash with a
 * per-person salt; the staff card as a SHA-256 of its barcode. `storeIds` empty: every store.
 */
export const StaffDoc = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  role: z.enum(ROLES),
  storeIds: z.array(z.string().max(64)).max(500),
  pinHash: z.string().regex(PIN_HASH_PATTERN),
  cardHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
});
export type StaffDoc = z.infer<typeof StaffDoc>;

const upsert = <E extends string, D extends z.ZodType>(entity: E, data: D) =>
  z.object({ entity: z.literal(entity), key: z.string(), op: z.literal('upsert'), data });

export const ENTITIES = ['customer', 'cart', 'favourite', 'product', 'price', 'campaign', 'promo_code', 'staff', 'online_order'] as const;
export type Entity = (typeof ENTITIES)[number];

/**
 * The store's policies (core/store/policy.ts): one document per store, in that store's scope,
 * logged when a policy changes. A till reads it apart from the cached entities: one that does not
 * match its schema is refused alone, and the rest of the page is applied.
 */
export const STORE_ENTITY = 'store';
/** Every entity central's change log carries. */
export const LOGGED_ENTITIES = [...ENTITIES, STORE_ENTITY] as const;
export type LoggedEntity = (typeof LOGGED_ENTITIES)[number];

/** The store's document as the pull carries it (never deleted). */
export const StoreChange = upsert(STORE_ENTITY, StoreDoc);

/** A delete: the till removes the row with this key. */
export const Tombstone = z.object({ entity: z.enum(ENTITIES), key: z.string(), op: z.literal('delete'), data: z.null() });

/** The upsert of each entity type: a reader that knows a change's entity and op checks it against one schema, not the union. */
export const UpsertChange = {
  customer: upsert('customer', CustomerDoc),
  cart: upsert('cart', CartDoc),
  favourite: upsert('favourite', FavouriteDoc),
  product: upsert('product', ProductDoc),
  price: upsert('price', PriceDoc),
  campaign: upsert('campaign', CampaignDoc),
  promo_code: upsert('promo_code', PromoCodeDoc),
  staff: upsert('staff', StaffDoc),
  online_order: upsert('online_order', OnlineOrderDoc),
} as const satisfies Record<Entity, z.ZodType>;

export const Change = z.union([
  UpsertChange.customer,
  UpsertChange.cart,
  UpsertChange.favourite,
  UpsertChange.product,
  UpsertChange.price,
  UpsertChange.campaign,
  UpsertChange.promo_code,
  UpsertChange.staff,
  UpsertChange.online_order,
  Tombstone,
]);
export type Change = z.infer<typeof Change>;

/**
 * The sync protocol this code speaks, sent by central in the `x-omnitill-sync-protocol`
 * header. A till seeing a higher number keeps working with what it understands (unknown
 * fields are dropped by these schemas, unknown entity types are skipped and counted) and
 * reports that it needs an update.
 */
export const SYNC_PROTOCOL_VERSION = 1;
export const SYNC_PROTOCOL_HEADER = 'x-omnitill-sync-protocol';

export const MAX_PULL_LIMIT = 5_000;
export const DEFAULT_PULL_LIMIT = 1_000;

export const PullQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});

/**
 * The chain's scan-signing identity: its chain id and raw 32-byte Ed25519 public keys as
 * base64url (the current key first; while rotating, the previous one too).
 */
export const ScanKeysDoc = z
  .object({
    chain: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    publicKeys: z.array(z.string().regex(/^[A-Za-z0-9_-]{43}$/)).min(1).max(2),
  })
  .strict();
export type ScanKeysDoc = z.infer<typeof ScanKeysDoc>;

export const PullPage = z.object({
  /** Changes when central's database is restored; a till holding another epoch resyncs from scratch. */
  epoch: z.string(),
  changes: z.array(z.union([Change, StoreChange])),
  /** Where the next page starts; store it in the same transaction as the page. */
  cursor: z.string(),
  /** False once the till has everything central can serve right now. */
  hasMore: z.boolean(),
  /** On a pull from the start: about how many changes the whole scope holds (a progress bar's total). */
  estimatedTotal: z.number().int().min(0).optional(),
  /** What the till verifies signed offers and app cards with (core/scan/signed.ts); absent from older centrals. */
  scanKeys: ScanKeysDoc.optional(),
});
export type PullPage = z.infer<typeof PullPage>;

/** Sent with HTTP 409 when the cursor belongs to another epoch: drop the cache and pull from the start. */
export const ResyncRequired = z.object({
  error: z.object({ code: z.literal('SYNC_RESYNC_REQUIRED'), message: z.string() }),
  epoch: z.string(),
});
