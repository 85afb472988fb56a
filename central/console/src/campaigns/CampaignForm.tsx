import { useState } from 'react';
import { fill } from '../../../../core/console/format.js';
import { isoToZoned, zonedToIso } from '../../../../core/console/zonedTime.js';
import { DateInput } from '../DateInput.js';
import { api, ConsoleApiError, errorCode } from '../api.js';
import { useFormat } from '../format.js';
import type { ConsoleErrorCode } from '../../../../core/console/i18n.js';
import { refusedFields } from './fieldErrors.js';
import type { Campaign } from './types.js';
import { CampaignNamesFields, namesBody, namesDraftOf, type NamesDraft } from './CampaignNamesFields.js';

const CHANNELS = ['email', 'stream', 'web', 'app', 'social', 'sms'] as const;
const CURRENCIES = ['RUB', 'UAH', 'RON', 'MDL', 'EUR'] as const;
type Offline = 'deny' | 'cap' | 'signed';
type Codes = 'unique' | 'shared' | 'automatic';
/** Percent or amount off, or a benefit (rules.benefit) for which central fills the legacy discount columns. */
type Kind = 'percent' | 'amount' | 'buy_x_get_y' | 'fixed_price_set';
type Reward = 'free' | 'percent' | 'amount';

interface Draft {
  id: string;
  name: string;
  names: NamesDraft;
  channel: string;
  codes: Codes;
  codePrefix: string;
  discountKind: Kind;
  buy: string;
  get: string;
  reward: Reward;
  rewardValue: string;
  setQuantity: string;
  setPrice: string;
  discountValue: string;
  currency: string;
  startsAt: string;
  endsAt: string;
  offline: Offline;
  cap: string;
  segment: string;
  minBasket: string;
  categories: string;
  skus: string;
  perCustomer: string;
  maxUses: string;
  budgetMinor: string;
  capMinor: string;
  maxQuantity: string;
  minQuantity: string;
  priority: string;
  exclusive: boolean;
  firstPurchase: boolean;
}

const NO_BENEFIT = { buy: '2', get: '1', reward: 'free' as Reward, rewardValue: '', setQuantity: '3', setPrice: '' };

function benefitOf(d: Draft) {
  if (d.discountKind === 'fixed_price_set') return { kind: d.discountKind, quantity: whole(d.setQuantity), priceMinor: whole(d.setPrice) };
  const reward = d.reward === 'free' ? { kind: 'free' } : d.reward === 'percent' ? { kind: 'percent', percent: whole(d.rewardValue) } : { kind: 'amount', amountMinor: whole(d.rewardValue) };
  return { kind: d.discountKind, buy: whole(d.buy), get: whole(d.get), reward };
}

function draftOf(c: Campaign | null, zone: string): Draft {
  if (!c) {
    const today = new Date().toISOString().slice(0, 10);
    return { id: '', name: '', names: namesDraftOf(null), channel: 'email', codes: 'unique', codePrefix: '', discountKind: 'percent', discountValue: '10', ...NO_BENEFIT, currency: '', startsAt: `${today}T00:00`, endsAt: '', offline: 'deny', cap: '0', segment: '', minBasket: '', categories: '', skus: '', perCustomer: '', maxUses: '', budgetMinor: '', capMinor: '', maxQuantity: '', minQuantity: '', priority: '0', exclusive: false, firstPurchase: false };
  }
  const r = c.rules;
  const b = r.benefit;
  return {
    id: c.id,
    name: c.name,
    names: namesDraftOf(c.names),
    channel: c.channel,
    codes: r.automatic ? 'automatic' : (c.codeKind as Codes),
    codePrefix: c.codePrefix,
    discountKind: b ? b.kind : (c.discountKind as Kind),
    ...NO_BENEFIT,
    ...(b?.kind === 'buy_x_get_y'
      ? { buy: String(b.buy), get: String(b.get), reward: b.reward.kind, rewardValue: b.reward.kind === 'percent' ? String(b.reward.percent) : b.reward.kind === 'amount' ? String(b.reward.amountMinor) : '' }
      : {}),
    ...(b?.kind === 'fixed_price_set' ? { setQuantity: String(b.quantity), setPrice: String(b.priceMinor) } : {}),
    discountValue: String(c.discountValue),
    currency: c.currency ?? '',
    startsAt: isoToZoned(c.startsAt, zone),
    endsAt: isoToZoned(c.endsAt, zone),
    offline: r.signedOffers ? 'signed' : c.offlineAllowed ? 'cap' : 'deny',
    cap: String(c.offlineCapPerTill),
    segment: r.segments?.[0] ?? '',
    minBasket: r.minBasketMinor !== undefined ? String(r.minBasketMinor) : '',
    categories: (r.categories ?? []).join(', '),
    skus: (r.skus ?? []).join(', '),
    perCustomer: r.perCustomer !== undefined ? String(r.perCustomer) : '',
    maxUses: r.maxUses !== undefined ? String(r.maxUses) : '',
    budgetMinor: r.budgetMinor !== undefined ? String(r.budgetMinor) : '',
    capMinor: r.capMinor !== undefined ? String(r.capMinor) : '',
    maxQuantity: r.maxQuantity !== undefined ? String(r.maxQuantity) : '',
    minQuantity: r.minQuantity !== undefined ? String(r.minQuantity) : '',
    priority: String(r.priority ?? 0),
    exclusive: r.exclusive ?? false,
    firstPurchase: r.firstPurchaseOnly ?? false,
  };
}

/** A number field as typed: a whole number, or NaN, which central refuses with the field named. */
const whole = (s: string) => (/^-?\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

/** Limits typed as whole numbers, each its own rule of the same name (empty: no limit). */
const LIMITS = ['maxUses', 'budgetMinor', 'capMinor', 'maxQuantity', 'minQuantity'] as const;

function bodyOf(d: Draft, zone: string) {
  const list = (text: string) => text.split(',').map((x) => x.trim()).filter(Boolean);
  const categories = list(d.categories);
  const skus = list(d.skus);
  return {
    id: d.id.trim(),
    name: d.name,
    ...namesBody(d.names),
    channel: d.channel,
    codeKind: d.codes === 'shared' ? 'shared' : 'unique',
    codePrefix: d.codePrefix.trim(),
    ...(d.discountKind === 'percent' || d.discountKind === 'amount' ? { discountKind: d.discountKind, discountValue: whole(d.discountValue) } : {}),
    currency: d.currency === '' ? null : d.currency,
    startsAt: zonedToIso(d.startsAt, zone) ?? d.startsAt,
    endsAt: zonedToIso(d.endsAt, zone) ?? d.endsAt,
    offlineAllowed: d.offline !== 'deny',
    offlineCapPerTill: d.offline === 'deny' ? 0 : whole(d.cap),
    rules: {
      ...(d.codes === 'automatic' ? { automatic: true } : {}),
      ...(d.segment ? { segments: [d.segment] } : {}),
      ...(d.minBasket.trim() ? { minBasketMinor: whole(d.minBasket) } : {}),
      ...(categories.length > 0 ? { categories } : {}),
      ...(skus.length > 0 ? { skus } : {}),
      ...(d.perCustomer.trim() ? { perCustomer: whole(d.perCustomer) } : {}),
      ...Object.fromEntries(LIMITS.filter((k) => d[k].trim()).map((k) => [k, whole(d[k])])),
      priority: whole(d.priority),
      ...(d.exclusive ? { exclusive: true } : {}),
      ...(d.firstPurchase ? { firstPurchaseOnly: true } : {}),
      ...(d.offline === 'signed' ? { signedOffers: true } : {}),
      ...(d.discountKind === 'percent' || d.discountKind === 'amount' ? {} : { benefit: benefitOf(d) }),
    },
  };
}

/** Create or edit a campaign: every rule the engine reads; validity typed in the chain's time zone. */
export function CampaignForm({ campaign, zone, segments, onSaved, onCancel, onSessionLost }: { campaign: Campaign | null; zone: string; segments: { id: string; name: string }[]; onSaved: (id: string) => void; onCancel: () => void; onSessionLost: () => void }) {
  const f = useFormat();
  const s = f.s.ui.campaigns.form;
  const [d, setD] = useState<Draft>(() => draftOf(campaign, zone));
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<string[]>([]);
  const [failure, setFailure] = useState<ConsoleErrorCode | null>(null);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const bad = (field: string) => fields.includes(field);
  const fieldProps = (field: string) => ({ 'aria-invalid': bad(field) || undefined, 'aria-describedby': bad(field) ? `err-${field}` : undefined });
  const note = (field: keyof typeof s.invalid) =>
    bad(field) && (
      <span className="field-error" id={`err-${field}`}>
        {s.invalid[field]}
      </span>
    );

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFields([]);
    setFailure(null);
    try {
      const body = bodyOf(d, zone);
      if (campaign) await api('PUT', `/campaigns/${encodeURIComponent(campaign.id)}`, body);
      else await api('POST', '/campaigns', body);
      onSaved(body.id);
    } catch (err) {
      if (err instanceof ConsoleApiError && err.code === 'UNAUTHENTICATED') onSessionLost();
      const named = refusedFields(err);
      if (named.length > 0) setFields(named);
      else if (err instanceof ConsoleApiError && err.status === 409) setFields(['id']);
      else setFailure(errorCode(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card campaign-form" onSubmit={(e) => void save(e)} noValidate>
      <h2>{campaign ? s.edit : s.new}</h2>
      {fields.length > 0 && (
        <p className="error" role="alert">
          {s.fixFields} {fields.map((x) => (s.invalid as Record<string, string>)[x] ?? s.invalid.other).join(' ')}
        </p>
      )}
      {failure && (
        <p className="error" role="alert">
          {f.s.errors[failure]}
        </p>
      )}
      <div className="form-grid">
        <label>
          {s.name}
          <input type="text" value={d.name} onChange={(e) => set('name', e.target.value)} {...fieldProps('name')} />
          {note('name')}
        </label>
        <CampaignNamesFields names={d.names} onChange={(names) => set('names', names)} refused={fields} />
        <label>
          {s.id}
          <input type="text" value={d.id} disabled={campaign !== null} onChange={(e) => set('id', e.target.value)} {...fieldProps('id')} />
          {note('id')}
        </label>
        <label>
          {s.channel}
          <select value={d.channel} onChange={(e) => set('channel', e.target.value)}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {(f.s.ui.channels as Record<string, string>)[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.codeKind}
          <select value={d.codes} disabled={campaign !== null} onChange={(e) => set('codes', e.target.value as Codes)}>
            <option value="unique">{s.unique}</option>
            <option value="shared">{s.shared}</option>
            <option value="automatic">{s.automatic}</option>
          </select>
        </label>
        <label>
          {s.prefix}
          <input type="text" value={d.codePrefix} disabled={campaign !== null || d.codes !== 'unique'} onChange={(e) => set('codePrefix', e.target.value.toUpperCase())} {...fieldProps('codePrefix')} />
          {note('codePrefix')}
        </label>
        <label>
          {s.discountKind}
          <select value={d.discountKind} onChange={(e) => set('discountKind', e.target.value as Kind)}>
            <option value="percent">{s.percent}</option>
            <option value="amount">{s.amount}</option>
            <option value="buy_x_get_y">{s.buyGet}</option>
            <option value="fixed_price_set">{s.fixedSet}</option>
          </select>
        </label>
        {(d.discountKind === 'percent' || d.discountKind === 'amount') && (
          <label>
            {s.discountValue}
            <input type="text" inputMode="numeric" value={d.discountValue} onChange={(e) => set('discountValue', e.target.value)} {...fieldProps('discountValue')} />
            {note('discountValue')}
          </label>
        )}
        {d.discountKind === 'buy_x_get_y' && (
          <>
            {(['buy', 'get'] as const).map((k) => (
              <label key={k}>
                {s[k]}
                <input type="text" inputMode="numeric" value={d[k]} onChange={(e) => set(k, e.target.value)} {...fieldProps('benefit')} />
              </label>
            ))}
            <label>
              {s.reward}
              <select value={d.reward} onChange={(e) => set('reward', e.target.value as Reward)}>
                <option value="free">{s.rewardFree}</option>
                <option value="percent">{s.percent}</option>
                <option value="amount">{s.amount}</option>
              </select>
            </label>
            <label>
              {s.rewardValue}
              <input type="text" inputMode="numeric" value={d.rewardValue} disabled={d.reward === 'free'} onChange={(e) => set('rewardValue', e.target.value)} {...fieldProps('benefit')} />
              {note('benefit')}
            </label>
          </>
        )}
        {d.discountKind === 'fixed_price_set' && (
          <>
            <label>
              {s.setQuantity}
              <input type="text" inputMode="numeric" value={d.setQuantity} onChange={(e) => set('setQuantity', e.target.value)} {...fieldProps('benefit')} />
            </label>
            <label>
              {s.setPrice}
              <input type="text" inputMode="numeric" value={d.setPrice} onChange={(e) => set('setPrice', e.target.value)} {...fieldProps('benefit')} />
              {note('benefit')}
            </label>
          </>
        )}
        <label>
          {s.currency}
          <select value={d.currency} onChange={(e) => set('currency', e.target.value)} {...fieldProps('currency')}>
            <option value="">—</option>
            {CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
          {note('currency')}
        </label>
        <label>
          {fill(s.startsAt, { zone })}
          <DateInput time value={d.startsAt} onChange={(v) => set('startsAt', v)} {...fieldProps('startsAt')} />
          {note('startsAt')}
        </label>
        <label>
          {fill(s.endsAt, { zone })}
          <DateInput time value={d.endsAt} onChange={(v) => set('endsAt', v)} {...fieldProps('endsAt')} />
          {note('endsAt')}
        </label>
        <label>
          {s.offline}
          <select value={d.offline} onChange={(e) => set('offline', e.target.value as Offline)}>
            <option value="deny">{s.offlineDeny}</option>
            <option value="cap">{s.offlineCap}</option>
            <option value="signed">{s.offlineSigned}</option>
          </select>
        </label>
        <label>
          {s.cap}
          <input type="text" inputMode="numeric" value={d.cap} disabled={d.offline === 'deny'} onChange={(e) => set('cap', e.target.value)} {...fieldProps('offlineCapPerTill')} />
          {note('offlineCapPerTill')}
        </label>
        <label>
          {s.segment}
          <select value={d.segment} onChange={(e) => set('segment', e.target.value)}>
            <option value="">{s.anySegment}</option>
            {segments.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.minBasket}
          <input type="text" inputMode="numeric" value={d.minBasket} onChange={(e) => set('minBasket', e.target.value)} {...fieldProps('rules')} />
        </label>
        <label>
          {s.categories}
          <input type="text" value={d.categories} onChange={(e) => set('categories', e.target.value)} />
        </label>
        <label>
          {s.skus}
          <input type="text" value={d.skus} onChange={(e) => set('skus', e.target.value)} {...fieldProps('skus')} />
          {note('skus')}
        </label>
        <label>
          {s.perCustomer}
          <input type="text" inputMode="numeric" value={d.perCustomer} onChange={(e) => set('perCustomer', e.target.value)} {...fieldProps('perCustomer')} />
          {note('perCustomer')}
        </label>
        {LIMITS.map((k) => (
          <label key={k}>
            {s[k]}
            <input type="text" inputMode="numeric" value={d[k]} onChange={(e) => set(k, e.target.value)} {...fieldProps(k)} />
            {note(k)}
          </label>
        ))}
        <label>
          {s.priority}
          <input type="text" inputMode="numeric" value={d.priority} onChange={(e) => set('priority', e.target.value)} {...fieldProps('rules')} />
          {note('rules')}
        </label>
        <label className="check">
          <input type="checkbox" checked={d.exclusive} onChange={(e) => set('exclusive', e.target.checked)} /> {s.exclusive}
        </label>
        <label className="check">
          <input type="checkbox" checked={d.firstPurchase} onChange={(e) => set('firstPurchase', e.target.checked)} /> {s.firstPurchase}
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? s.saving : s.save}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {s.cancel}
        </button>
      </div>
    </form>
  );
}
