import { isTillError, TillError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { ApprovalView } from '../../../core/staff/contract.js';
import { APPROVAL_TTL_MS, can, type Action } from '../../../core/staff/roles.js';
import type { ApprovalGrantedPayload } from '../../../core/sync/ops.js';
import { statement } from '../db.js';
import { member } from './directory.js';
import { audit, checkPin, requireActive, type StaffSessionState, type UsedApproval } from './session.js';

const REFUSING: ReadonlySet<string> = new Set(['STAFF_WRONG_PIN', 'STAFF_PIN_LOCKED']);

/**
 * Manager approval, offline: what the signed-in person's role does not allow, a manager allows
 * with their PIN on the same till, checked against the cached hash (wrong PINs count and lock as
 * at sign-in). The approval is audited and queued for central in one transaction, and is good
 * for the next such action on this till within a couple of minutes.
 */
export async function grantApproval(s: StaffSessionState, action: Action, approverId: string, pin: string): Promise<ApprovalView> {
  requireActive(s);
  const approver = await checkPin(s, approverId, pin).catch((e: unknown) => {
    // A wrong PIN, or a manager locked out by wrong PINs, refuses the approval: audited beside the PIN's own row.
    if (isTillError(e) && REFUSING.has(e.code)) audit(s, 'approval.refused', action, { approverId, reason: e.code });
    throw e;
  });
  if (!can(approver.role, action)) {
    audit(s, 'approval.refused', action, { approverId: approver.id, reason: 'STAFF_APPROVER_NOT_MANAGER' });
    throw new TillError('STAFF_APPROVER_NOT_MANAGER', { name: approver.name });
  }
  const cashier = s.person;
  const at = s.o.now();
  const id = newId(at.getTime());
  const payload: ApprovalGrantedPayload = {
    approvalId: id,
    tillId: s.o.settings.tillId,
    storeId: s.o.settings.storeId,
    action,
    approverId: approver.id,
    approverName: approver.name,
    cashierId: cashier?.id ?? null,
    cashierName: cashier?.name ?? s.o.settings.cashier,
    grantedAt: at.toISOString(),
  };
  s.o.db.transaction(() => {
    audit(s, 'approval.granted', action, { approvalId: id, cashierId: payload.cashierId }, approver);
    statement(s.o.db, `INSERT INTO outbox (op_id, op_type, entity_id, payload, created_at) VALUES (?, 'approval.granted', ?, ?, ?)`).run(
      newId(at.getTime()),
      id,
      JSON.stringify(payload),
      payload.grantedAt,
    );
  })();
  const expiresAt = at.getTime() + APPROVAL_TTL_MS;
  s.approval = { id, action, approverId: approver.id, approverName: approver.name, expiresAt };
  return { approvalId: id, action, approver: member(approver), expiresAt: new Date(expiresAt).toISOString() };
}

/**
 * Before an action that needs a permission: the signed-in role has it, or a manager approved it
 * just now on this till (the approval is used up and audited, and returned), or APPROVAL_REQUIRED.
 * A till with no staff yet allows everything, as it sells without sign-in.
 */
export function requireAllowed(s: StaffSessionState, action: Action): UsedApproval | null {
  requireActive(s);
  if (s.person === null || can(s.person.role, action)) return null;
  const pending = s.approval;
  if (pending && pending.action === action && pending.expiresAt > s.o.now().getTime()) {
    s.approval = null;
    audit(s, 'approval.used', action, { approvalId: pending.id, approverId: pending.approverId });
    return { approvalId: pending.id, staffId: pending.approverId, name: pending.approverName };
  }
  audit(s, 'approval.needed', action, { role: s.person.role });
  // Over the store's manual-discount limit: the refusal says which limit.
  throw new TillError('APPROVAL_REQUIRED', action === 'discount.manual' ? { action, limit: s.o.settings.manualDiscountLimit } : { action });
}
