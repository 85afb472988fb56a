import { useEffect, useState } from 'react';
import type { ConsoleErrorCode } from '../../../../core/console/i18n.js';
import { api, ConsoleApiError, errorCode } from '../api.js';

/** What central answers for the console's customer pages (central/src/customers). */
export interface CustomerHit {
  id: string;
  name: string;
  email: string | null;
  phones: string[];
  lastPurchaseAt: string | null;
}

export type Names = { en: string; ru: string; ro: string } | null;

export interface TimelineEntry {
  at: string;
  kind: string;
  channel: string;
  campaign: string | null;
  store: string | null;
  till: string | null;
  sku: string | null;
  product: Names;
  amountMinor: number | null;
  currency: string | null;
  code: string | null;
}

export interface Profile {
  customer: { id: string; name: string; email: string | null; phones: string[]; segments: string[]; createdAt: string; updatedAt: string };
  consents: { channel: string; granted: boolean; changedAt: string; source: string }[];
  carts: { channel: string; lines: { sku: string; product: Names; quantity: number; priceSeenMinor: number; currency: string; addedAt: string }[] }[];
  favourites: { sku: string; product: Names; channel: string; addedAt: string }[];
  storePurchases: { saleId: string; storeId: string; store: string; till: string; receiptNo: number; completedAt: string; totalMinor: number; currency: string; lines: number }[];
  onlinePurchases: {
    at: string;
    channel: string;
    campaign: string | null;
    orderRef: string | null;
    store: string | null;
    totalMinor: number | null;
    currency: string | null;
    items: number | null;
  }[];
  timeline: TimelineEntry[];
  timelineLimit: number;
}

export type Loaded<T> = { state: 'idle' } | { state: 'loading' } | { state: 'done'; value: T } | { state: 'failed'; code: ConsoleErrorCode };

/** Loads `path` whenever it changes (null: nothing to load); a lost session goes back to sign-in. */
export function useLoad<T>(path: string | null, onSessionLost: () => void): Loaded<T> {
  // The answer is kept with the path it answers, so a new path reads as loading until its own answer comes.
  const [answer, setAnswer] = useState<{ path: string; loaded: Loaded<T> } | null>(null);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    api<T>('GET', path).then(
      (value) => live && setAnswer({ path, loaded: { state: 'done', value } }),
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ConsoleApiError && e.code === 'UNAUTHENTICATED') onSessionLost();
        setAnswer({ path, loaded: { state: 'failed', code: errorCode(e) } });
      },
    );
    return () => {
      live = false;
    };
  }, [path, onSessionLost]);
  if (path === null) return { state: 'idle' };
  return answer?.path === path ? answer.loaded : { state: 'loading' };
}
