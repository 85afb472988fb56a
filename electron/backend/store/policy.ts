import { policyChanges, type StoreDoc, type StorePolicy } from '../../../core/store/policy.js';
import { audit, type TillDatabase } from '../db.js';
import { writeSettings, type TillSettings } from '../settings.js';

/** Where a till learnt its store's policies: the pair reply (first run) or a pull. */
export type PolicySource = 'pair' | 'pull';

/** The policies as a store document carries them: pair reply and pull alike. */
export type PolicyDoc = StorePolicy & Pick<StoreDoc, 'version' | 'changedAt'>;

function policyOf(settings: TillSettings): StorePolicy {
  const { paymentMethods, noReceiptReturns, manualDiscountLimit, voucherOfflineCapMinor } = settings;
  return { paymentMethods, noReceiptReturns, manualDiscountLimit, voucherOfflineCapMinor };
}

/**
 * The one way a till takes its store's policies from central, inside the caller's transaction:
 * the settings the screens and the backend read are written, and a change is audited (who:
 * central; what: each field from and to, with central's version). Answers the patch the caller
 * puts on the live settings once the transaction commits; empty when nothing changed.
 * `settings`: the till as it will be (at pairing, already under its new till and store ids).
 */
export function applyStorePolicy(db: TillDatabase, settings: TillSettings, doc: PolicyDoc, at: string, source: PolicySource): Partial<TillSettings> {
  const next: StorePolicy = {
    paymentMethods: doc.paymentMethods,
    noReceiptReturns: { methods: doc.noReceiptReturns.methods, maxMinor: doc.noReceiptReturns.maxMinor },
    manualDiscountLimit: doc.manualDiscountLimit,
    voucherOfflineCapMinor: doc.voucherOfflineCapMinor,
  };
  const changed = policyChanges(policyOf(settings), next);
  if (Object.keys(changed).length === 0) return {};
  const patch: Partial<TillSettings> = {};
  for (const field of Object.keys(changed) as (keyof StorePolicy)[]) Object.assign(patch, { [field]: next[field] });
  writeSettings(db, patch);
  audit(db, { at, tillId: settings.tillId, actor: 'central', actorId: null, action: 'store.policy_changed', subject: settings.storeId, details: { source, version: doc.version, changedAt: doc.changedAt, changed } });
  return patch;
}

/** A store document the pull refused: the policies in force stay, and staff can see why in the audit. */
export function auditRefusedPolicy(db: TillDatabase, settings: TillSettings, at: string, reason: string): void {
  audit(db, { at, tillId: settings.tillId, actor: 'central', actorId: null, action: 'store.policy_refused', subject: settings.storeId, details: { reason } });
}
