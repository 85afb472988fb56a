import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView, StaffMember } from '../../../core/staff/contract.js';
import type { Staff } from './useStaff.js';
import './staff.css';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
const MAX_PIN = 8;

export function PinPad({ person, onSubmit, onBack }: { person: StaffMember; onSubmit: (pin: string) => Promise<boolean>; onBack: (() => void) | null }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), [person.id]);
  const press = (digit: string) => {
    setPin((p) => (p.length < MAX_PIN ? p + digit : p));
    field.current?.focus();
  };
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (pin === '') return;
    await onSubmit(pin);
    setPin('');
    field.current?.focus();
  };
  return (
    <form className="pinpad" onSubmit={(e) => void submit(e)}>
      <label className="pinpad-label" htmlFor="staff-pin">
        {t('ui.staff.pinFor', { name: person.name })}
      </label>
      <input
        id="staff-pin"
        ref={field}
        className="pinpad-field"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={MAX_PIN}
        value={pin}
        onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, MAX_PIN))}
      />
      <div className="pinpad-keys">
        {KEYS.map((k) => (
          <button key={k} type="button" className="btn pinpad-key" onClick={() => press(k)}>
            {k}
          </button>
        ))}
        <button type="button" className="btn btn-ghost pinpad-key" onClick={() => setPin('')}>
          {t('ui.staff.clear')}
        </button>
        <button type="button" className="btn pinpad-key" onClick={() => press('0')}>
          0
        </button>
        <button type="submit" className="btn btn-primary pinpad-key" disabled={pin.length === 0}>
          {t('ui.staff.ok')}
        </button>
      </div>
      {onBack && (
        <button type="button" className="btn btn-ghost pinpad-back" onClick={onBack}>
          {t('ui.staff.back')}
        </button>
      )}
    </form>
  );
}

/** The people to choose from (sign-in, a manager's approval), each with their role. */
export function PeoplePicker({ people, chosen, onChoose, className = '' }: { people: readonly StaffMember[]; chosen: StaffMember | null; onChoose: (p: StaffMember) => void; className?: string }) {
  const { t } = useTranslation();
  return (
    <ul className={`signin-list ${className}`}>
      {people.map((p) => (
        <li key={p.id}>
          <button type="button" className={`btn signin-person${chosen?.id === p.id ? ' is-chosen' : ''}`} aria-pressed={chosen?.id === p.id} onClick={() => onChoose(p)}>
            <span className="signin-name">{p.name}</span>
            <span className="signin-role">{t(`ui.staff.role_${p.role}`)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * The sign-in and lock screen: choose a person, type the PIN (keypad or keys), or scan a staff
 * card. Mounted with a key of the session's state and person, so a new lock starts afresh.
 */
export function SignInScreen({ session, staff }: { session: SessionView; staff: Staff }) {
  const { t } = useTranslation();
  const locked = session.state === 'locked' ? session.person : null;
  const [chosen, setChosen] = useState<StaffMember | null>(locked);
  return (
    <main className="signin">
      <section className="signin-card" aria-labelledby="signin-title">
        <h1 id="signin-title" className="signin-title">
          {locked ? t('ui.staff.lockedTitle') : t('ui.staff.title')}
        </h1>
        {locked && <p className="signin-note">{t('ui.staff.lockedBy', { name: locked.name })}</p>}
        <div className="signin-body">
          <div className="signin-people">
            <h2 className="signin-sub">{t('ui.staff.choose')}</h2>
            {session.staff.length === 0 && <p className="signin-note">{t('ui.staff.noStaff')}</p>}
            <PeoplePicker people={session.staff} chosen={chosen} onChoose={setChosen} />
            <p className="signin-hint">{t('ui.staff.cardHint')}</p>
          </div>
          {chosen && <PinPad person={chosen} onSubmit={(pin) => staff.signIn(chosen.id, pin)} onBack={locked ? null : () => setChosen(null)} />}
        </div>
      </section>
    </main>
  );
}

/** The signed-in person in the layout, with the shift and return screens, lock and sign-out. */
/**
 * The signed-in person in the header's cashier slot: her name and role open the staff actions
 * (shift, return, lock, sign out), so they take no row of the sale screen.
 */
export function StaffMenu({ person, staff, onShift, onReturn }: { person: NonNullable<SessionView['person']>; staff: Staff; onShift: () => void; onReturn: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (open) menu.current?.querySelector('button')?.focus();
  }, [open]);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) toggle.current?.focus();
  };
  const act = (action: () => void) => () => {
    close(false);
    action();
  };
  const items: readonly [string, () => void][] = [
    [t('ui.shift.title'), onShift],
    [t('ui.returns.open'), onReturn],
    [t('ui.staff.lock'), staff.lock],
    [t('ui.staff.signOut'), staff.signOut],
  ];
  return (
    <span
      className="staffbar"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          close(true);
        }
      }}
      onBlur={(e) => {
        if (open && !e.currentTarget.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button ref={toggle} type="button" className="staffbar-who" aria-expanded={open} aria-controls="staff-actions" onClick={() => setOpen((o) => !o)}>
        {t('ui.staff.signedIn', { name: person.name, role: t(`ui.staff.role_${person.role}`) })}
      </button>
      {open && (
        <span ref={menu} id="staff-actions" className="staffbar-menu" role="group" aria-label={t('ui.staff.bar')}>
          {items.map(([label, action]) => (
            <button key={label} type="button" className="btn btn-ghost staffbar-btn" onClick={act(action)}>
              {label}
            </button>
          ))}
        </span>
      )}
    </span>
  );
}
