import type { Role } from '../../../core/staff/roles.js';
import type { StaffMember } from '../../../core/staff/contract.js';
import { statement, type TillDatabase } from '../db.js';

/** The staff the till's cache holds (synced from central), as this store sees them. */
export interface StaffRow {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly store_ids: string;
  readonly pin_hash: string;
  readonly card_hash: string | null;
}

function worksHere(row: StaffRow, storeId: string): boolean {
  const stores = JSON.parse(row.store_ids) as unknown;
  return !Array.isArray(stores) || stores.length === 0 || stores.includes(storeId);
}

export function member(row: StaffRow): StaffMember {
  return { id: row.id, name: row.name, role: row.role };
}

/** Everyone who may sign in at this store, by name. */
export function staffOfStore(db: TillDatabase, storeId: string): StaffRow[] {
  const rows = statement(db, 'SELECT * FROM staff ORDER BY name, id').all() as StaffRow[];
  return rows.filter((r) => worksHere(r, storeId));
}

export function anyStaff(db: TillDatabase): boolean {
  return statement(db, 'SELECT EXISTS (SELECT 1 FROM staff)').pluck().get() === 1;
}

export function staffById(db: TillDatabase, storeId: string, id: string): StaffRow | null {
  const row = statement(db, 'SELECT * FROM staff WHERE id = ?').get(id) as StaffRow | undefined;
  return row && worksHere(row, storeId) ? row : null;
}

export function staffByCard(db: TillDatabase, storeId: string, hash: string): StaffRow | null {
  const row = statement(db, 'SELECT * FROM staff WHERE card_hash = ?').get(hash) as StaffRow | undefined;
  return row && worksHere(row, storeId) ? row : null;
}

interface FailureRow {
  readonly failures: number;
  readonly locked_until: string | null;
}

export function pinFailures(db: TillDatabase, staffId: string): FailureRow {
  return (statement(db, 'SELECT failures, locked_until FROM staff_pin_failures WHERE staff_id = ?').get(staffId) as FailureRow | undefined) ?? {
    failures: 0,
    locked_until: null,
  };
}

export function setPinFailures(db: TillDatabase, staffId: string, failures: number, lockedUntil: string | null): void {
  statement(
    db,
    `INSERT INTO staff_pin_failures (staff_id, failures, locked_until) VALUES (?, ?, ?)
     ON CONFLICT (staff_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
  ).run(staffId, failures, lockedUntil);
}
