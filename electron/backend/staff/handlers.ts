import type { staffContract } from '../../../core/staff/contract.js';
import type { Handlers } from '../rpc.js';
import { grantApproval } from './approval.js';
import { lock, sessionView, signInWithCard, signInWithPin, signOut, type StaffSessionState } from './session.js';

export function staffHandlers(s: StaffSessionState): Pick<Handlers, keyof typeof staffContract> {
  return {
    'staff.session': () => sessionView(s),
    'staff.signIn': (input) => ('card' in input ? signInWithCard(s, input.card) : signInWithPin(s, input.staffId, input.pin)),
    'staff.lock': () => lock(s),
    'staff.signOut': () => signOut(s),
    'approval.grant': ({ action, staffId, pin }) => grantApproval(s, action, staffId, pin),
  };
}
