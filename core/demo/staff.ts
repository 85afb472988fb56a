import type { Role } from '../staff/roles.js';

/**
 * The demo chain's staff, the same on the demo central and a demo till's own seed: one of each
 * role, every store. The PINs are printed in the README; a real chain sets its own on central.
 */
export interface DemoStaff {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly pin: string;
  readonly card: string | null;
}

export const DEMO_STAFF: readonly DemoStaff[] = [
  { id: 'ana', name: 'Ana Rusu', role: 'cashier', pin: '1111', card: 'STAFF-ANA-7Q2X' },
  { id: 'ion', name: 'Ion Ceban', role: 'senior', pin: '2222', card: null },
  { id: 'maria', name: 'Maria Popa', role: 'manager', pin: '9999', card: 'STAFF-MARIA-K9P4' },
];
