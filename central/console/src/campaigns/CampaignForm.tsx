import { useState } from 'react';
import { fill } from '../../../../core/console/format.js';
import { readMajor, showMajor, type MoneyInputError } from '../../../../core/console/moneyInput.js';
import { isoToZoned, zonedToIso } from '../../../../core/console/zonedTime.js';
import { CURRENCIES, MAX_AMOUNT, MINOR_DIGITS, type Currency } from '../../../../core/money.js';
import type { Language } from '../../../../core/i18n/index.js';
import type { CampaignRules } from '../../../../core/sync/pull.js';
import { DateInput } from '../DateInput.js';
import { api, ConsoleApiError, errorCode } from '../api.js';
import { useFormat } from '../format.js';
import type { ConsoleErrorCode } from '../../../../core/console/i18n.js';
import { refusedFields } from './fieldErrors.js';
import { BrandPicker } from './BrandPicker.js';
import { NamedCustomers, type Named } from './NamedCustomers.js';
import type { Campaign } from './types.js';
import { CampaignNamesFields, namesBody, namesDraftOf, type NamesDraft } from './CampaignNamesFields.js';

const CHANNELS = ['email', 'stream', 'web', 'app', 'social', 'sms'] as const;

type Offline = 'deny' | 'cap' | 'signed';
type Codes = 'unique' | 'shared' | 'automatic';
/** Percent or amount off, or a benefit (rules.benefit) for which central fills the legacy discount columns. */
type Kind = 'percent' | 'amount' | 'buy_x_get_y' | 'fixed_price_set';
type Reward = 'free' | 'percent' | 'amount';
type Allocation = NonNullable<CampaignRules['allocation']>;
type Spend = NonNullable<CampaignRules['channels']>[number];
const ALLOCATIONS: readonly Allocation[] = ['each', 'once', 'across'];
/** Where a promotion may be spent; all three (or the rule absent) is everywhere. */
const SPEND: readonly Spend[] = ['store', 'web', 'app'];

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
  minBasketMinor: string;
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
  allocation: Allocation | '';
  spend: Spend[];
  brands: string[];
  customers: Named[];
  validity: 'times' | 'days';
  firstDay: string;
  lastDay: string;
}

/**
 * Money is typed in major units of the campaign's currency ("12.50"; core/console/moneyInput.ts
 * has the rule), shown with the UI language's decimal mark. The currency is required as soon as
 * any amount is filled: a campaign's amounts are in its currency and it applies only to sales in
 * that currency; a percent campaign without amounts may have none and works in every currency.
 * These are the fields that hold money, by the name central refuses them under.
 */
const MONEY = ['discountValue', 'rewardValue', 'setPrice', 'minBasketMinor', 'budgetMinor', 'capMinor'] as const;
type MoneyField = (typeof MONEY)[number];

/** The money fields the draft uses: the value of an amount off, an amount reward, a set's price, and the money rules when filled. */
function moneyFields(d: Draft): MoneyField[] {
  return MONEY.filter((k) => {
    if (k === 'discountValue') return d.discountKind === 'amount';
    if (k === 'rewardValue') return d.discountKind === 'buy_x_get_y' && d.reward === 'amount';
    if (k === 'setPrice') return d.discountKind === 'fixed_price_set';
    return d[k].trim() !== '';
  });
}

type Problem = MoneyInputError | 'currency';

/** The draft's amounts in minor units, or what is wrong with them (nothing is sent then). */
function readAmounts(d: Draft): { amounts: Partial<Record<MoneyField, number>>; problems: Partial<Record<MoneyField | 'currency', Problem>> } {
  const amounts: Partial<Record<MoneyField, number>> = {};
  const problems: Partial<Record<MoneyField | 'currency', Problem>> = {};
  const fields = moneyFields(d);
  if (fields.length > 0 && d.currency === '') problems.currency = 'currency';
  // Without a currency yet the text is still checked, with two decimals as every currency we sell in has.
  const currency = (d.currency || 'EUR') as Currency;
  for (const k of fields) {
    const read = readMajor(d[k], currency);
    if ('minor' in read) amounts[k] = read.minor;
    else problems[k] = read.error;
  }
  return { amounts, problems };
}

/** The draft's text of a stored amount: major units in the campaign's currency (two decimals without one). */
const major = (minor: number | undefined, c: Campaign, lang: Language) => (minor === undefined ? '' : showMajor(minor, (c.currency ?? 'EUR') as Currency, lang));

/** The day after a local day, for the instant that ends whole-day validity. */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const NO_BENEFIT = { buy: '2', get: '1', reward: 'free' as Reward, rewardValue: '', setQuantity: '3', setPrice: '' };

function benefitOf(d: Draft, amounts: Partial<Record<MoneyField, number>>) {
  if (d.discountKind === 'fixed_price_set') return { kind: d.discountKind, quantity: whole(d.setQuantity), priceMinor: amounts.setPrice };
  const reward = d.reward === 'free' ? { kind: 'free' } : d.reward === 'percent' ? { kind: 'percent', percent: rewardPercent(d.rewardValue) } : { kind: 'amount', amountMinor: amounts.rewardValue };
  return { kind: d.discountKind, buy: whole(d.buy), get: whole(d.get), reward };
}

/** The targets and validity of a new campaign: everywhere, everyone, any brand, from a time to a time. */
const NO_TARGETS = { allocation: '' as const, spend: [...SPEND], brands: [], customers: [], validity: 'times' as const };

function draftOf(c: Campaign | null, zone: string, lang: Language): Draft {
  if (!c) {
    const today = new Date().toISOString().slice(0, 10);
    return { id: '', name: '', names: namesDraftOf(null), channel: 'email', codes: 'unique', codePrefix: '', discountKind: 'percent', discountValue: '10', ...NO_BENEFIT, currency: '', startsAt: `${today}T00:00`, endsAt: '', offline: 'deny', cap: '0', segment: '', minBasketMinor: '', categories: '', skus: '', perCustomer: '', maxUses: '', budgetMinor: '', capMinor: '', maxQuantity: '', minQuantity: '', priority: '0', exclusive: false, firstPurchase: false, ...NO_TARGETS, firstDay: today, lastDay: today };
  }
  const r = c.rules;
  const b = r.benefit;
  const named = new Map(c.namedCustomers.map((x) => [x.id, x.name]));
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
      ? { buy: String(b.buy), get: String(b.get), reward: b.reward.kind, rewardValue: b.reward.kind === 'percent' ? String(b.reward.percent) : b.reward.kind === 'amount' ? major(b.reward.amountMinor, c, lang) : '' }
      : {}),
    ...(b?.kind === 'fixed_price_set' ? { setQuantity: String(b.quantity), setPrice: major(b.priceMinor, c, lang) } : {}),
    discountValue: c.discountKind === 'amount' ? major(c.discountValue, c, lang) : String(c.discountValue),
    currency: c.currency ?? '',
    startsAt: isoToZoned(c.startsAt, zone),
    endsAt: isoToZoned(c.endsAt, zone),
    offline: r.signedOffers ? 'signed' : c.offlineAllowed ? 'cap' : 'deny',
    cap: String(c.offlineCapPerTill),
    segment: r.segments?.[0] ?? '',
    minBasketMinor: major(r.minBasketMinor, c, lang),
    categories: (r.categories ?? []).join(', '),
    skus: (r.skus ?? []).join(', '),
    perCustomer: r.perCustomer !== undefined ? String(r.perCustomer) : '',
    maxUses: r.maxUses !== undefined ? String(r.maxUses) : '',
    budgetMinor: major(r.budgetMinor, c, lang),
    capMinor: major(r.capMinor, c, lang),
    maxQuantity: r.maxQuantity !== undefined ? String(r.maxQuantity) : '',
    minQuantity: r.minQuantity !== undefined ? String(r.minQuantity) : '',
    priority: String(r.priority ?? 0),
    exclusive: r.exclusive ?? false,
    firstPurchase: r.firstPurchaseOnly ?? false,
    allocation: r.allocation ?? '',
    spend: r.channels ?? [...SPEND],
    brands: r.brands ?? [],
    customers: (r.customers ?? []).map((id) => ({ id, name: named.get(id) ?? id })),
    validity: r.days ? 'days' : 'times',
    firstDay: r.days?.first ?? isoToZoned(c.startsAt, zone).slice(0, 10),
    lastDay: r.days?.last ?? isoToZoned(c.endsAt, zone).slice(0, 10),
  };
}

/** A number field as typed: a whole number, or NaN, which central refuses with the field named. */
const whole = (s: string) => (/^-?\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);
/** A reward's percent may have two decimals ("12.5", or "12,5" as ru and ro write it); the percent off is whole (an integer column). */
export const rewardPercent = (s: string) => (/^\d{1,3}([.,]\d{1,2})?$/.test(s.trim()) ? Number(s.trim().replace(',', '.')) : Number.NaN);

/** Limits typed as whole numbers, each its own rule of the same name (empty: no limit). */
const LIMITS = ['maxUses', 'maxQuantity', 'minQuantity'] as const;
/** Limits typed as amounts, each its own rule of the same name (empty: no limit). */
const MONEY_LIMITS = ['budgetMinor', 'capMinor'] as const;

function bodyOf(d: Draft, zone: string, amounts: Partial<Record<MoneyField, number>>) {
  const list = (text: string) => text.split(',').map((x) => x.trim()).filter(Boolean);
  const categories = list(d.categories);
  const skus = list(d.skus);
  const days = d.validity === 'days';
  // Whole days: central keeps rules.days and widens the instants to cover them in every zone; these only have to be in order.
  const span = days ? { startsAt: zonedToIso(`${d.firstDay}T00:00`, zone) ?? d.firstDay, endsAt: zonedToIso(`${dayAfter(d.lastDay < d.firstDay ? d.firstDay : d.lastDay)}T00:00`, zone) ?? d.lastDay } : null;
  return {
    id: d.id.trim(),
    name: d.name,
    ...namesBody(d.names),
    channel: d.channel,
    codeKind: d.codes === 'shared' ? 'shared' : 'unique',
    codePrefix: d.codePrefix.trim(),
    ...(d.discountKind === 'percent' || d.discountKind === 'amount' ? { discountKind: d.discountKind, discountValue: d.discountKind === 'amount' ? amounts.discountValue : whole(d.discountValue) } : {}),
    currency: d.currency === '' ? null : d.currency,
    startsAt: span?.startsAt ?? zonedToIso(d.startsAt, zone) ?? d.startsAt,
    endsAt: span?.endsAt ?? zonedToIso(d.endsAt, zone) ?? d.endsAt,
    offlineAllowed: d.offline !== 'deny',
    offlineCapPerTill: d.offline === 'deny' ? 0 : whole(d.cap),
    rules: {
      ...(d.codes === 'automatic' ? { automatic: true } : {}),
      ...(d.segment ? { segments: [d.segment] } : {}),
      ...(amounts.minBasketMinor !== undefined ? { minBasketMinor: amounts.minBasketMinor } : {}),
      ...(categories.length > 0 ? { categories } : {}),
      ...(skus.length > 0 ? { skus } : {}),
      ...(d.perCustomer.trim() ? { perCustomer: whole(d.perCustomer) } : {}),
      ...Object.fromEntries(LIMITS.filter((k) => d[k].trim()).map((k) => [k, whole(d[k])])),
      ...Object.fromEntries(MONEY_LIMITS.flatMap((k) => (amounts[k] !== undefined ? [[k, amounts[k]]] : []))),
      priority: whole(d.priority),
      ...(d.exclusive ? { exclusive: true } : {}),
      ...(d.firstPurchase ? { firstPurchaseOnly: true } : {}),
      ...(d.offline === 'signed' ? { signedOffers: true } : {}),
      ...(d.discountKind === 'percent' || d.discountKind === 'amount' ? {} : { benefit: benefitOf(d, amounts) }),
      ...(d.allocation && (d.discountKind === 'percent' || d.discountKind === 'amount') ? { allocation: d.allocation } : {}),
      ...(d.spend.length < SPEND.length ? { channels: SPEND.filter((x) => d.spend.includes(x)) } : {}),
      ...(d.brands.length > 0 ? { brands: d.brands } : {}),
      ...(d.customers.length > 0 ? { customers: d.customers.map((x) => x.id) } : {}),
      ...(days ? { days: { first: d.firstDay, last: d.lastDay } } : {}),
    },
  };
}

/** Create or edit a campaign: every rule the engine reads; validity typed in the chain's time zone. */
export function CampaignForm({ campaign, zone, currencies, segments, onSaved, onCancel, onSessionLost }: { campaign: Campaign | null; zone: string; currencies: readonly string[]; segments: { id: string; name: string }[]; onSaved: (id: string) => void; onCancel: () => void; onSessionLost: () => void }) {
  const f = useFormat();
  const s = f.s.ui.campaigns.form;
  const t = s.targets;
  const [d, setD] = useState<Draft>(() => draftOf(campaign, zone, f.lang));
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<string[]>([]);
  // What the form found wrong before asking central (amounts), by field: shown instead of central's message.
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ConsoleErrorCode | null>(null);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const bad = (field: string) => fields.includes(field);
  const fieldProps = (...names: string[]) => {
    const wrong = names.filter(bad);
    return { 'aria-invalid': wrong.length > 0 || undefined, 'aria-describedby': wrong.length > 0 ? wrong.map((x) => `err-${x}`).join(' ') : undefined };
  };
  const message = (field: string) => problems[field] ?? (s.invalid as Record<string, string>)[field] ?? s.invalid.other;
  const note = (field: string) =>
    bad(field) && (
      <span className="field-error" id={`err-${field}`}>
        {message(field)}
      </span>
    );
  const currency = (d.currency || 'EUR') as Currency;
  const example = showMajor(1250, currency, f.lang);
  /** What an amount or a percent field is in: "%", the chosen currency, or a request to choose one. */
  const unit = (percent: boolean) => (percent ? '%' : d.currency || t.noCurrency);
  const choices = currencies.length > 0 ? [...new Set([...currencies, ...(campaign?.currency ? [campaign.currency] : [])])] : CURRENCIES;
  const hint = (id: string, text: string) => (
    <span className="hint muted" id={`hint-${id}`}>
      {text}
    </span>
  );

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setFields([]);
    setProblems({});
    setFailure(null);
    const read = readAmounts(d);
    const wrong = Object.entries(read.problems);
    if (wrong.length > 0) {
      const digits = MINOR_DIGITS[currency];
      const say = (p: Problem) => (p === 'currency' ? s.invalid.currency : fill(t.money[p], { example, digits, max: showMajor(MAX_AMOUNT, currency, f.lang) }));
      setProblems(Object.fromEntries(wrong.map(([k, p]) => [k, say(p)])));
      setFields(wrong.map(([k]) => k));
      return;
    }
    setBusy(true);
    try {
      const body = bodyOf(d, zone, read.amounts);
      if (campaign) await api('PUT', `/campaigns/${encodeURIComponent(campaign.id)}`, body);
      else await api('POST', '/campaigns', body);
      onSaved(body.id);
    } catch (err) {
      if (err instanceof ConsoleApiError && err.code === 'UNAUTHENTICATED') onSessionLost();
      // With whole days the instants are made from them: a refused instant is a refused day.
      const named = [...new Set(refusedFields(err).map((x) => (d.validity === 'days' && (x === 'startsAt' || x === 'endsAt') ? 'days' : x)))];
      if (named.length > 0) setFields(named);
      else if (err instanceof ConsoleApiError && err.status === 409) setFields(['id']);
      else setFailure(errorCode(err));
    } finally {
      setBusy(false);
    }
  };

  const percentOrAmount = d.discountKind === 'percent' || d.discountKind === 'amount';
  return (
    <form className="card campaign-form" onSubmit={(e) => void save(e)} noValidate>
      <h2>{campaign ? s.edit : s.new}</h2>
      {fields.length > 0 && (
        <p className="error" role="alert">
          {s.fixFields} {fields.map(message).join(' ')}
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
        <div className="field">
          <label>
            {s.currency}
            <select value={d.currency} onChange={(e) => set('currency', e.target.value)} {...fieldProps('currency')} aria-describedby={bad('currency') ? 'err-currency hint-currency' : 'hint-currency'}>
              <option value="">{t.anyCurrency}</option>
              {choices.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
            {note('currency')}
          </label>
          {hint('currency', fill(t.currencyHint, { example }))}
        </div>
        <label>
          {s.discountKind}
          <select value={d.discountKind} onChange={(e) => set('discountKind', e.target.value as Kind)}>
            <option value="percent">{s.percent}</option>
            <option value="amount">{s.amount}</option>
            <option value="buy_x_get_y">{s.buyGet}</option>
            <option value="fixed_price_set">{s.fixedSet}</option>
          </select>
        </label>
        {percentOrAmount && (
          <label>
            {fill(s.discountValue, { unit: unit(d.discountKind === 'percent') })}
            <input type="text" inputMode="decimal" value={d.discountValue} onChange={(e) => set('discountValue', e.target.value)} {...fieldProps('discountValue')} />
            {note('discountValue')}
          </label>
        )}
        {percentOrAmount && (
          <div className="field">
            <label>
              {t.allocation}
              <select value={d.allocation} onChange={(e) => set('allocation', e.target.value as Allocation | '')} {...fieldProps('allocation')} aria-describedby={bad('allocation') ? 'err-allocation hint-allocation' : 'hint-allocation'}>
                <option value="">{t.allocationDefault}</option>
                {ALLOCATIONS.map((a) => (
                  <option key={a} value={a}>
                    {t.allocations[a]}
                  </option>
                ))}
              </select>
              {note('allocation')}
            </label>
            {hint('allocation', t.allocationHint)}
          </div>
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
              {fill(s.rewardValue, { unit: unit(d.reward !== 'amount') })}
              <input type="text" inputMode="decimal" value={d.rewardValue} disabled={d.reward === 'free'} onChange={(e) => set('rewardValue', e.target.value)} {...fieldProps('benefit', 'rewardValue')} />
              {note('rewardValue')}
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
              {fill(s.setPrice, { unit: unit(false) })}
              <input type="text" inputMode="decimal" value={d.setPrice} onChange={(e) => set('setPrice', e.target.value)} {...fieldProps('benefit', 'setPrice')} />
              {note('setPrice')}
              {note('benefit')}
            </label>
          </>
        )}
        <label>
          {t.validity}
          <select value={d.validity} onChange={(e) => set('validity', e.target.value as Draft['validity'])}>
            <option value="times">{t.validityTimes}</option>
            <option value="days">{t.validityDays}</option>
          </select>
        </label>
        {d.validity === 'times' ? (
          <>
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
          </>
        ) : (
          <>
            <label>
              {fill(t.firstDay, { zone })}
              <DateInput value={d.firstDay} onChange={(v) => set('firstDay', v)} {...fieldProps('days')} />
            </label>
            <div className="field">
              <label>
                {fill(t.lastDay, { zone })}
                <DateInput value={d.lastDay} onChange={(v) => set('lastDay', v)} {...fieldProps('days')} aria-describedby={bad('days') ? 'err-days hint-days' : 'hint-days'} />
                {note('days')}
              </label>
              {hint('days', fill(t.daysHint, { zone }))}
            </div>
          </>
        )}
        <fieldset className="spend" aria-describedby={bad('channels') ? 'err-channels hint-channels' : 'hint-channels'}>
          <legend>{t.spend}</legend>
          {SPEND.map((x) => (
            <label key={x} className="check">
              <input type="checkbox" checked={d.spend.includes(x)} onChange={(e) => set('spend', e.target.checked ? [...d.spend, x] : d.spend.filter((y) => y !== x))} /> {f.s.ui.channels[x]}
            </label>
          ))}
          {note('channels')}
          {hint('channels', t.spendHint)}
        </fieldset>
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
          {fill(s.minBasket, { unit: unit(false) })}
          <input type="text" inputMode="decimal" value={d.minBasketMinor} onChange={(e) => set('minBasketMinor', e.target.value)} {...fieldProps('minBasketMinor')} />
          {note('minBasketMinor')}
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
        <BrandPicker chosen={d.brands} onChange={(next) => set('brands', next)} error={bad('brands') ? message('brands') : null} onSessionLost={onSessionLost} />
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
        {MONEY_LIMITS.map((k) => (
          <label key={k}>
            {fill(s[k], { unit: unit(false) })}
            <input type="text" inputMode="decimal" value={d[k]} onChange={(e) => set(k, e.target.value)} {...fieldProps(k)} />
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
        <NamedCustomers chosen={d.customers} onChange={(next) => set('customers', next)} error={bad('customers') ? message('customers') : null} onSessionLost={onSessionLost} />
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
