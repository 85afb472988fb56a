import { TillError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { parsePhone } from '../../../core/customer/phone.js';
import type { CustomerProfile } from '../../../core/customer/contract.js';
import { CustomerCreatedPayload, type CONSENT_CHANNELS } from '../../../core/sync/ops.js';
import { audit, type TillDatabase } from '../db.js';
import type { ActorSource } from '../staff/actor.js';
import type { TillSettings } from '../settings.js';
import type { CustomerDirectory } from './lookup.js';

/** Enough to catch a typo at the till; central checks the address properly. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewCustomer {
  readonly phone: string;
  readonly name: string;
  readonly email?: string;
  readonly consents: readonly (typeof CONSENT_CHANNELS)[number][];
}

/**
 * Creates a customer at the till, offline or not: she is in the cache at once under an id the
 * till chose, and a `customer.created` op tells central, which merges her by phone. Written in
 * one transaction with its audit row, so she exists here exactly when central will hear of her.
 */
export function createCustomerDesk(db: TillDatabase, settings: TillSettings, directory: CustomerDirectory, actor: ActorSource) {
  const q = {
    customer: db.prepare(`INSERT INTO customers (id, name, email, segments, consents, updated_at) VALUES (?, ?, ?, '[]', ?, ?)`),
    phone: db.prepare('INSERT INTO customer_phones (phone_e164, customer_id) VALUES (?, ?)'),
    outbox: db.prepare(`INSERT INTO outbox (op_id, op_type, entity_id, payload, created_at) VALUES (?, 'customer.created', ?, ?, ?)`),
    copyCustomer: db.prepare(
      `INSERT INTO customers (id, name, email, segments, consents, updated_at, sync_gen)
       SELECT ?, name, email, segments, consents, updated_at, sync_gen FROM customers WHERE id = ? ON CONFLICT (id) DO NOTHING`,
    ),
    dropCustomer: db.prepare('DELETE FROM customers WHERE id = ?'),
    movePhones: db.prepare('UPDATE OR IGNORE customer_phones SET customer_id = ? WHERE customer_id = ?'),
    moveSales: db.prepare('UPDATE sales SET customer_id = ? WHERE customer_id = ?'),
  };

  function create(input: NewCustomer, at: Date): CustomerProfile {
    const phone = parsePhone(input.phone, settings.country);
    if (!phone.ok) throw new TillError('PHONE_INVALID');
    const name = input.name.trim().replace(/\s+/g, ' ');
    if (!name) throw new TillError('CUSTOMER_NAME_MISSING');
    const email = input.email?.trim() || null;
    if (email !== null && !EMAIL.test(email)) throw new TillError('CUSTOMER_EMAIL_INVALID');
    const e164 = phone.value.e164;
    const id = newId(at.getTime());
    const who = actor();
    const payload = CustomerCreatedPayload.parse({
      customerId: id,
      phone: e164,
      name,
      email,
      consents: [...new Set(input.consents)],
      tillId: settings.tillId,
      cashier: who.name,
      createdAt: at.toISOString(),
    });
    db.transaction(() => {
      if (directory.phoneOwner(e164) !== undefined) throw new TillError('CUSTOMER_EXISTS');
      // Her e-mail goes to central in the op; the till itself keeps no e-mail (issue 13).
      q.customer.run(id, name, null, JSON.stringify(payload.consents), payload.createdAt);
      q.phone.run(e164, id);
      q.outbox.run(newId(at.getTime()), id, JSON.stringify(payload), payload.createdAt);
      audit(db, { at: payload.createdAt, tillId: settings.tillId, actor: who.name, actorId: who.id, action: 'customer.created', subject: id, details: { consents: payload.consents } });
    })();
    return directory.profile(id);
  }

  /**
   * Central answered the op with the customer she is: when it already knew her number, its id
   * replaces the till's here too (her row, her phone, the sales made with her), so the next pull
   * and the next lookup speak of one person.
   */
  function adoptCentralId(localId: string, centralId: string): void {
    if (localId === centralId) return;
    db.transaction(() => {
      // A pull may have brought her central row already; then hers is the one to keep.
      q.copyCustomer.run(centralId, localId);
      q.movePhones.run(centralId, localId);
      q.moveSales.run(centralId, localId);
      q.dropCustomer.run(localId);
    })();
  }

  return { create, adoptCentralId };
}

export type CustomerCreation = ReturnType<typeof createCustomerDesk>;
