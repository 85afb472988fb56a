import { useCallback, useEffect, useRef, useState } from 'react';
import type { CustomerProfile, LookupResult } from '../../../core/customer/contract.js';
import type { CONSENT_CHANNELS } from '../../../core/sync/ops.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { Result } from '../../../core/rpc/contract.js';
import type { SaleView } from '../../../core/sale/contract.js';
import type { Run } from '../shell/actions.js';
import { TransportError } from '../shell/api.js';
import { i18n, translateError } from '../shell/i18n.js';
import { CUSTOMER_LOOKUP_EVENT, type CustomerLookupDetail } from './entry.js';

export interface CustomerDeps {
  readonly api: TillApi;
  readonly run: Run;
  /** Puts a sale the backend changed (her cart, the customer) on screen. */
  readonly applySale: (sale: SaleView) => void;
  /** Only the sale step opens the panel: not payment, not the receipt. */
  readonly active: boolean;
}

/** What the panel shows under the lookup field. */
export type Found =
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly message: string }
  | Exclude<LookupResult, { kind: 'customer' }>
  | { readonly kind: 'customer'; readonly customer: CustomerProfile };

const NONE: Found = { kind: 'none' };
type CustomerConsent = (typeof CONSENT_CHANNELS)[number];

function failure(e: unknown): string {
  if (e instanceof TransportError) return i18n.t(e.reason === 'timeout' ? 'ui.connection.timeout' : 'ui.connection.lost');
  return i18n.t('errors.INTERNAL');
}

/** A lookup's answer as the panel shows it: errors translated here, in the panel, not in the alert. */
async function answer<T>(call: () => Promise<Result<T>>): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  try {
    const r = await call();
    return r.ok ? r : { ok: false, message: translateError(r.error.code, r.error.params, r.error.message) };
  } catch (e) {
    return { ok: false, message: failure(e) };
  }
}

/** The panel's open state, the keys that open and close it, and the lookup entry point. */
function usePanel(active: boolean, lookup: (query: string) => void) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const lookupRef = useRef(lookup);
  useEffect(() => {
    lookupRef.current = lookup;
  }, [lookup]);

  const openWith = useCallback((q?: string) => {
    setOpen(true);
    if (q !== undefined && q.trim()) {
      setQuery(q.length > 40 ? '' : q);
      lookupRef.current(q);
    }
  }, []);

  useEffect(() => {
    const onLookup = (e: Event) => {
      if (!active) return;
      openWith((e as CustomEvent<CustomerLookupDetail>).detail?.query);
    };
    window.addEventListener(CUSTOMER_LOOKUP_EVENT, onLookup);
    return () => window.removeEventListener(CUSTOMER_LOOKUP_EVENT, onLookup);
  }, [active, openWith]);

  // F8 opens the panel; Esc closes it before the sale screen's Esc does anything else.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F8' && active) openWith();
      else if (e.key === 'Escape' && open && active) setOpen(false);
      else return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [active, open, openWith]);

  // Payment and the receipt hide it; back on the sale it is where the cashier left it.
  return { open: open && active, setOpen, query, setQuery, openWith };
}

/** The customer at the till: lookup, her profile, and what the cashier does with it. */
export function useCustomer({ api, run, applySale, active }: CustomerDeps) {
  const [found, setFound] = useState<Found>(NONE);
  const [busy, setBusy] = useState(false);
  const [phone, setPhone] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const seq = useRef(0);

  const show = useCallback((next: Found) => {
    setFound(next);
    setPhone(null);
    setNote(null);
  }, []);

  const lookup = useCallback(
    async (query: string) => {
      const mine = ++seq.current;
      setBusy(true);
      const r = await answer(() => api['customer.lookup']({ query }));
      if (mine !== seq.current) return;
      setBusy(false);
      show(r.ok ? r.value : { kind: 'error', message: r.message });
    },
    [api, show],
  );
  const panel = usePanel(active, (q) => void lookup(q));

  const choose = useCallback(
    async (customerId: string) => {
      const mine = ++seq.current;
      const r = await answer(() => api['customer.profile']({ customerId }));
      if (mine === seq.current) show(r.ok ? { kind: 'customer', customer: r.value } : { kind: 'error', message: r.message });
    },
    [api, show],
  );

  const customerId = found.kind === 'customer' ? found.customer.id : null;

  const reveal = useCallback(() => {
    if (!customerId) return;
    void run(() => api['customer.revealPhone']({ customerId }), (v) => setPhone(v.phone));
  }, [api, run, customerId]);

  const attach = useCallback(
    (id: string | null) => void run(() => api['customer.attachToSale']({ customerId: id }), applySale),
    [api, run, applySale],
  );

  const { setOpen } = panel;
  const moveCart = useCallback(
    (channel: 'web' | 'app', skus?: string[]) => {
      if (!customerId) return;
      void run(
        () => api['customer.cartToSale'](skus ? { customerId, channel, skus } : { customerId, channel }),
        (r) => {
          applySale(r.sale);
          const added = i18n.t('ui.customer.added', { count: r.added });
          setNote(r.skipped.length ? `${added} ${i18n.t('ui.customer.skipped', { count: r.skipped.length })}` : added);
          // The whole cart in: back to the lines, where the cashier goes on with the sale.
          if (!skus) setOpen(false);
        },
      );
    },
    [api, run, applySale, customerId, setOpen],
  );

  const addFavourite = useCallback(
    (sku: string) => {
      if (!customerId) return;
      void run(
        () => api['customer.favouriteToSale']({ customerId, sku }),
        (sale) => {
          applySale(sale);
          setNote(i18n.t('ui.customer.added', { count: 1 }));
        },
      );
    },
    [api, run, applySale, customerId],
  );

  /** Saves a new customer and shows her profile; answers the translated reason when refused. */
  const create = useCallback(
    async (input: { phone: string; name: string; email?: string; consents: CustomerConsent[] }): Promise<string | null> => {
      const r = await answer(() => api['customer.create'](input));
      if (!r.ok) return r.message;
      show({ kind: 'customer', customer: r.value });
      setNote(i18n.t('ui.customer.created'));
      return null;
    },
    [api, show],
  );

  const { openWith } = panel;
  /** Her profile, opened from the sale she is on. */
  const openProfile = useCallback(
    (id: string) => {
      openWith();
      void choose(id);
    },
    [openWith, choose],
  );

  return {
    ...panel,
    openProfile,
    found,
    busy,
    phone,
    hidePhone: () => setPhone(null),
    note,
    lookup,
    choose,
    reveal,
    attach,
    moveCart,
    addFavourite,
    create,
  };
}

export type Customer = ReturnType<typeof useCustomer>;
