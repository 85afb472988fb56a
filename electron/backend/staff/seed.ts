import { DEMO_STAFF } from '../../../core/demo/staff.js';
import type { TillDatabase } from '../db.js';
import { cardHash, hashPinSync } from './pin.js';

/**
 * The demo chain's staff into a demo till, so it asks for a PIN from its first start (the
 * demo central syncs the same people later, with hashes of its own).
 */
export function seedDemoStaff(db: TillDatabase): void {
  const insert = db.prepare('INSERT OR IGNORE INTO staff (id, name, role, store_ids, pin_hash, card_hash) VALUES (?, ?, ?, ?, ?, ?)');
  const rows = DEMO_STAFF.map((p) => [p.id, p.name, p.role, '[]', hashPinSync(p.pin), p.card === null ? null : cardHash(p.card)] as const);
  db.transaction(() => {
    for (const row of rows) insert.run(...row);
  })();
}
