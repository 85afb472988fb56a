import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../../../core/staff/contract.js';
import { actionKey, can } from '../../../core/staff/roles.js';
import { PeoplePicker, PinPad } from './SignInScreen.js';
import type { Approval } from './useApproval.js';

/** A manager's PIN on this till for what the cashier may not do alone; checked offline by the till. */
/** `alert`: the till's alert region, shown inside the dialog while it is open (a wrong PIN). */
export function ApprovalDialog({ approval, staff, alert }: { approval: Approval; staff: readonly StaffMember[]; alert: ReactNode }) {
  const { t, i18n } = useTranslation();
  const pending = approval.pending;
  const approvers = pending ? staff.filter((p) => can(p.role, pending.action)) : [];
  const [chosen, setChosen] = useState<StaffMember | null>(approvers.length === 1 ? (approvers[0] as StaffMember) : null);
  if (!pending) return null;
  return (
    <div className="approval-backdrop">
      <section className="approval" role="dialog" aria-modal="true" aria-labelledby="approval-title">
        <h2 id="approval-title" className="signin-title">
          {t('ui.staff.approvalTitle')}
        </h2>
        <p className="signin-note">{t('ui.staff.approvalFor', { action: t(`ui.staff.actions.${actionKey(pending.action)}`, { limit: new Intl.NumberFormat(i18n.language).format(pending.limit ?? 0) }) })}</p>
        {alert}
        <div className="approval-body">
          <div>
            <h3 className="signin-sub">{t('ui.staff.approverChoose')}</h3>
            <PeoplePicker people={approvers} chosen={chosen} onChoose={setChosen} className="approval-list" />
            <button type="button" className="btn btn-secondary" onClick={approval.dismiss}>
              {t('ui.staff.cancel')}
            </button>
          </div>
          {chosen && <PinPad person={chosen} onSubmit={(pin) => approval.approve(chosen.id, pin)} onBack={null} />}
        </div>
      </section>
    </div>
  );
}
