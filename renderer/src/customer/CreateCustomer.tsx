import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENT_CHANNELS } from '../../../core/sync/ops.js';
import type { Customer } from './useCustomer.js';

type Consent = (typeof CONSENT_CHANNELS)[number];

/**
 * A new customer at the till: her phone (as the cashier typed it for the lookup), her name, an
 * optional e-mail, and a box per channel she may agree to, every one unticked until she says yes.
 */
export function CreateCustomer({ customer, phone, onCancel }: { customer: Customer; phone: string; onCancel: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ phone, name: '', email: '' });
  const [consents, setConsents] = useState<ReadonlySet<Consent>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const nameField = useRef<HTMLInputElement>(null);
  useEffect(() => nameField.current?.focus(), []);

  const field = (key: keyof typeof form, label: string, extra: { type?: string; inputMode?: 'tel' | 'email' | 'text' } = {}) => (
    <div className="field">
      <label htmlFor={`new-customer-${key}`}>{label}</label>
      <input
        id={`new-customer-${key}`}
        ref={key === 'name' ? nameField : undefined}
        className="input"
        autoComplete="off"
        spellCheck={false}
        maxLength={key === 'email' ? 254 : 100}
        type={extra.type ?? 'text'}
        inputMode={extra.inputMode}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </div>
  );

  return (
    <form
      className="customer-create"
      noValidate
      aria-labelledby="new-customer-title"
      onSubmit={(e) => {
        e.preventDefault();
        setSaving(true);
        void customer
          .create({ phone: form.phone, name: form.name, ...(form.email.trim() ? { email: form.email } : {}), consents: [...consents] })
          .then((message) => {
            setSaving(false);
            setError(message);
          });
      }}
    >
      <h3 id="new-customer-title">{t('ui.customer.createTitle')}</h3>
      {field('phone', t('ui.customer.phone'), { inputMode: 'tel' })}
      {field('name', t('ui.customer.name'))}
      {field('email', t('ui.customer.email'), { type: 'email', inputMode: 'email' })}
      <fieldset className="customer-consents">
        <legend>{t('ui.customer.consentsAsk')}</legend>
        {CONSENT_CHANNELS.map((channel) => (
          <label key={channel} className="check">
            <input
              type="checkbox"
              checked={consents.has(channel)}
              onChange={(e) => {
                const next = new Set(consents);
                if (e.target.checked) next.add(channel);
                else next.delete(channel);
                setConsents(next);
              }}
            />
            {t(`ui.customer.consent_${channel}`)}
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="customer-create-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {t('ui.customer.save')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {t('ui.customer.cancel')}
        </button>
      </div>
    </form>
  );
}
