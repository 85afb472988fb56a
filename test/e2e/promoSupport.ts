import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Currency } from '../../core/money.js';
import { rawTillDatabase } from '../helpers/tillDb.js';

/** What the promo e2e tests share: campaigns put in the till's cache as a pull leaves them, and the code box. */

export interface CacheCampaign {
  readonly id: string;
  readonly name: string;
  /** Its names by UI language, as central sends them. */
  readonly names?: Readonly<Record<string, string>>;
  readonly percent: number;
  /** Needed as soon as its rules have an amount (a minimum basket, a cap, a budget): central never sends one without. */
  readonly currency?: Currency;
  /** Its shared code, if it has one. */
  readonly code?: string;
  readonly rules?: Record<string, unknown>;
  /** The campaign's offline policy: allowed (up to 50 per till) unless false ("deny"). */
  readonly offlineAllowed?: boolean;
  /** The chain's uses of it as central counted them at the last pull. */
  readonly usedUses?: number;
}

/** Percent campaigns running from yesterday to three days from now, each with its shared code, in the till's cache. */
export function addCampaigns(dataDir: string, campaigns: readonly CacheCampaign[]): void {
  const db = rawTillDatabase(join(dataDir, 'till.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    const campaign = db.prepare(
      `INSERT INTO campaigns (id, name, names, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at, offline_allowed,
         offline_cap_per_till, rules, usage_uses, usage_spent_minor, sync_gen)
       VALUES (?, ?, ?, 'stream', 'shared', 'percent', ?, ?, ?, ?, ?, 50, ?, ?, ?, (SELECT COALESCE(MAX(sync_gen), 0) + 1 FROM campaigns))`,
    );
    const code = db.prepare(`INSERT INTO promo_codes (code, campaign_id, single_use, state, expires_at) VALUES (?, ?, 0, 'issued', NULL)`);
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 3 * 86_400_000).toISOString();
    db.transaction(() => {
      for (const c of campaigns) {
        const used = c.usedUses ?? null;
        campaign.run(c.id, c.name, c.names ? JSON.stringify(c.names) : null, c.percent, c.currency ?? null, from, to, c.offlineAllowed === false ? 0 : 1, JSON.stringify(c.rules ?? {}), used, used === null ? null : 0);
        if (c.code) code.run(c.code, c.id);
      }
    })();
  } finally {
    db.close();
  }
}

/** A code typed into the code box and entered. */
export async function enterCode(page: Page, code: string): Promise<void> {
  await page.fill('#promo-code-input', code);
  await page.press('#promo-code-input', 'Enter');
}
