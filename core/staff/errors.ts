/** Why staff sign-in or a permission was refused. Messages: ./i18n.ts. */
export const STAFF_ERROR_CODES = [
  'STAFF_SIGN_IN_REQUIRED',
  'STAFF_SESSION_LOCKED',
  'STAFF_UNKNOWN',
  'STAFF_UNKNOWN_CARD',
  'STAFF_PIN_FORMAT',
  'STAFF_WRONG_PIN',
  'STAFF_PIN_LOCKED',
  'STAFF_NOT_PERMITTED',
  'STAFF_APPROVER_NOT_MANAGER',
  'APPROVAL_REQUIRED',
] as const;

export type StaffErrorCode = (typeof STAFF_ERROR_CODES)[number];
