import type { CampaignNames, CampaignRules } from '../../../../core/sync/pull.js';
/** A campaign as central's campaigns page answers it (central/src/promo/console.ts). */
export interface Count {
  key: string;
  name?: string;
  redeemed: number;
  discountMinor: number;
}

export interface Campaign {
  id: string;
  name: string;
  /** The name in each UI language it has one in (localName picks by the console's language). */
  names: CampaignNames | null;
  channel: string;
  codeKind: string;
  codePrefix: string;
  discountKind: string;
  discountValue: number;
  currency: string | null;
  startsAt: string;
  endsAt: string;
  offlineAllowed: boolean;
  offlineCapPerTill: number;
  rules: CampaignRules;
  issued: number;
  reserved: number;
  redeemed: number;
  byChannel: Count[];
  byStore: Count[];
  openConflicts: number;
  namedCustomers: { id: string; name: string }[];
}
