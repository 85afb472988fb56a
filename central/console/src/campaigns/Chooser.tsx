import type { ReactNode } from 'react';
import { useFormat } from '../format.js';

/** What a picker holds so far (named customers, brands), each with its Remove button. */
export function ChosenList({ items, onRemove }: { items: { key: string; label: string }[]; onRemove: (key: string) => void }) {
  const t = useFormat().s.ui.campaigns.form.targets;
  if (items.length === 0) return null;
  return (
    <ul className="plain chosen">
      {items.map((x) => (
        <li key={x.key} data-chosen={x.key}>
          <span>{x.label}</span>
          <button type="button" className="link" aria-label={`${t.remove}: ${x.label}`} onClick={() => onRemove(x.key)}>
            {t.remove}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** A picker's text box and its button; Enter presses the button instead of saving the form. */
export function PickRow({ label, value, onChange, onPick, button, list, children }: { label: string; value: string; onChange: (v: string) => void; onPick: () => void; button: string; list?: string; children?: ReactNode }) {
  return (
    <div className="search-row">
      <input
        type={list ? 'text' : 'search'}
        list={list}
        aria-label={label}
        placeholder={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          onPick();
        }}
      />
      {children}
      <button type="button" className="secondary" onClick={onPick}>
        {button}
      </button>
    </div>
  );
}
