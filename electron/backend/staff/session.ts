import { TillError } from '../../../core/errors.js';
import type { SessionView } from '../../../core/staff/contract.js';
import { can, DEFAULT_LOCK_AFTER_MS, MAX_PIN_FAILURES, PIN_LOCK_MS, PIN_PATTERN, type Action } from '../../../core/staff/roles.js';
import { audit as writeAudit, type TillDatabase } from '../db.js';
import type { TillSettings } from '../settings.js';
import type { Actor } from './actor.js';
import { anyStaff, member, pinFailures, setPinFailures, staffByCard, staffById, staffOfStore, type StaffRow } from './directory.js';
import { cardHash, verifyPin } from './pin.js';

export interface StaffSessionOptions {
  readonly db: TillDatabase;
  readonly settings: TillSettings;
  readonly now: () => Date;
  readonly lockAfterMs?: number;
  /** A different person signed in while a sale is open: the sale becomes theirs. */
  readonly onPersonChanged?: (actor: Actor) => void;
  /** After every sign-in, lock and sign-out: the screens hear of it on the event stream. */
  readonly changed?: () => void;
}

/** Who is at the till. In memory on purpose: a restarted till asks for a PIN again. */
export interface StaffSessionState {
  readonly o: StaffSessionOptions;
  readonly lockAfterMs: number;
  person: StaffRow | null;
  locked: boolean;
  lastActivity: number;
  /** A manager's approval waiting for the action it was given for (staff/approval.ts). */
  approval: PendingApproval | null;
  /**
   * The approval the call being handled used, set by the guard for that call's synchronous run
   * (staff/guard.ts): what the call writes can name the manager who allowed it.
   */
  approvedBy: UsedApproval | null;
}

export interface PendingApproval {
  readonly id: string;
  readonly action: Action;
  readonly approverId: string;
  readonly approverName: string;
  readonly expiresAt: number;
}

/** The manager whose approval allowed an action. */
export interface UsedApproval {
  readonly approvalId: string;
  readonly staffId: string;
  readonly name: string;
}

export function audit(s: StaffSessionState, action: string, subject: string | null, details?: unknown, actor: StaffRow | null = s.person): void {
  writeAudit(s.o.db, {
    at: s.o.now().toISOString(),
    tillId: s.o.settings.tillId,
    actor: actor?.name ?? s.o.settings.cashier,
    actorId: actor?.id ?? null,
    action,
    subject,
    details,
  });
}

export function sessionView(s: StaffSessionState): SessionView {
  const required = anyStaff(s.o.db);
  const state = s.person === null ? 'signedOut' : s.locked ? 'locked' : 'open';
  return {
    state,
    person: s.person ? member(s.person) : null,
    required,
    staff: staffOfStore(s.o.db, s.o.settings.storeId).map(member),
    lockAfterMs: s.lockAfterMs,
    discountLimit: s.o.settings.manualDiscountLimit,
  };
}

/** Locks the till when the signed-in person has been idle too long; true when it is locked. */
function lockIfIdle(s: StaffSessionState): boolean {
  if (s.person === null || s.locked) return s.locked;
  if (s.o.now().getTime() - s.lastActivity >= s.lockAfterMs) {
    s.locked = true;
    audit(s, 'staff.locked', s.person.id, { reason: 'inactivity' });
    s.o.changed?.();
  }
  return s.locked;
}

/** Before anything a person does at the till: someone signed in and the till not locked. */
export function requireActive(s: StaffSessionState): void {
  if (!anyStaff(s.o.db)) return;
  if (s.person === null) throw new TillError('STAFF_SIGN_IN_REQUIRED');
  if (lockIfIdle(s)) throw new TillError('STAFF_SESSION_LOCKED');
  s.lastActivity = s.o.now().getTime();
}

/** The signed-in person may do `action` (a till with no staff yet permits everything). */
export function requirePermission(s: StaffSessionState, action: Action): void {
  requireActive(s);
  if (s.person && !can(s.person.role, action)) {
    throw new TillError('STAFF_NOT_PERMITTED', { name: s.person.name, role: s.person.role, action });
  }
}

export function actorOf(s: StaffSessionState): Actor {
  return s.person ? { id: s.person.id, name: s.person.name } : { id: null, name: s.o.settings.cashier };
}

function storeTime(s: StaffSessionState, iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: s.o.settings.timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

function begin(s: StaffSessionState, person: StaffRow, how: 'pin' | 'card'): SessionView {
  const previous = s.person;
  const resumed = previous?.id === person.id && s.locked;
  s.person = person;
  s.locked = false;
  s.lastActivity = s.o.now().getTime();
  if (previous?.id !== person.id) s.approval = null;
  audit(s, resumed ? 'staff.unlocked' : 'staff.signed_in', person.id, { how, ...(previous && previous.id !== person.id ? { after: previous.id } : {}) });
  if (previous?.id !== person.id) s.o.onPersonChanged?.(actorOf(s));
  s.o.changed?.();
  return sessionView(s);
}

/**
 * A PIN for a person, checked against the cached scrypt hash. Five wrong in a row lock that
 * person out for five minutes (kept in the database, so a restart does not reset the count);
 * every wrong PIN and every lock-out is audited. Sign-in and a manager's approval both use it.
 */
export async function checkPin(s: StaffSessionState, staffId: string, pin: string): Promise<StaffRow> {
  const person = staffById(s.o.db, s.o.settings.storeId, staffId);
  if (!person) throw new TillError('STAFF_UNKNOWN');
  if (!PIN_PATTERN.test(pin)) throw new TillError('STAFF_PIN_FORMAT');
  const lockedUntil = pinFailures(s.o.db, person.id).locked_until;
  if (lockedUntil !== null && Date.parse(lockedUntil) > s.o.now().getTime()) {
    throw new TillError('STAFF_PIN_LOCKED', { name: person.name, until: storeTime(s, lockedUntil) });
  }
  const right = await verifyPin(pin, person.pin_hash);
  // Read again after the wait: another attempt may have counted meanwhile.
  const { failures, locked_until: lockLeft } = pinFailures(s.o.db, person.id);
  if (right) {
    if (failures > 0 || lockLeft !== null) setPinFailures(s.o.db, person.id, 0, null);
    return person;
  }
  const count = failures + 1;
  if (count >= MAX_PIN_FAILURES) {
    const until = new Date(s.o.now().getTime() + PIN_LOCK_MS).toISOString();
    s.o.db.transaction(() => {
      setPinFailures(s.o.db, person.id, 0, until);
      audit(s, 'staff.pin_wrong', person.id, { failures: count });
      audit(s, 'staff.pin_locked', person.id, { until });
    })();
    throw new TillError('STAFF_PIN_LOCKED', { name: person.name, until: storeTime(s, until) });
  }
  s.o.db.transaction(() => {
    setPinFailures(s.o.db, person.id, count, null);
    audit(s, 'staff.pin_wrong', person.id, { failures: count });
  })();
  throw new TillError('STAFF_WRONG_PIN', { left: MAX_PIN_FAILURES - count });
}

export async function signInWithPin(s: StaffSessionState, staffId: string, pin: string): Promise<SessionView> {
  return begin(s, await checkPin(s, staffId, pin), 'pin');
}

export function signInWithCard(s: StaffSessionState, card: string): SessionView {
  const person = staffByCard(s.o.db, s.o.settings.storeId, cardHash(card));
  if (!person) {
    audit(s, 'staff.card_unknown', null);
    throw new TillError('STAFF_UNKNOWN_CARD');
  }
  return begin(s, person, 'card');
}

export function lock(s: StaffSessionState): SessionView {
  if (s.person && !s.locked) {
    s.locked = true;
    audit(s, 'staff.locked', s.person.id, { reason: 'staff' });
    s.o.changed?.();
  }
  return sessionView(s);
}

export function signOut(s: StaffSessionState): SessionView {
  if (s.person) {
    audit(s, 'staff.signed_out', s.person.id);
    s.person = null;
    s.locked = false;
    s.approval = null;
    s.o.changed?.();
  }
  return sessionView(s);
}

export function createStaffSession(o: StaffSessionOptions): StaffSessionState {
  return { o, lockAfterMs: o.lockAfterMs ?? DEFAULT_LOCK_AFTER_MS, person: null, locked: false, lastActivity: 0, approval: null, approvedBy: null };
}
