import { useState } from 'react';
import { fill } from '../../../../core/console/format.js';
import { useFormat } from '../format.js';
import { useLoad } from '../customers/useCustomers.js';

/**
 * The campaign's brands (rules.brands), chosen from the catalogue's (typed with its suggestions;
 * a brand the catalogue lacks is refused in the form). A catalogue with no brands at all takes
 * what is typed, for a chain whose web shop names brands central does not hold.
 */
export function BrandPicker({ chosen, onChange, error, onSessionLost }: { chosen: string[]; onChange: (next: string[]) => void; error: string | null; onSessionLost: () => void }) {
  const f = useFormat();
  const t = f.s.ui.campaigns.form.targets;
  const catalogue = useLoad<{ brands: string[] }>('/campaign-brands', onSessionLost);
  const known = catalogue.state === 'done' ? catalogue.value.brands : [];
  const [typed, setTyped] = useState('');
  const [unknown, setUnknown] = useState<string | null>(null);

  const add = () => {
    const brand = typed.trim();
    if (!brand) return;
    // The catalogue's own spelling, whatever the case typed.
    const match = known.find((b) => b.toLowerCase() === brand.toLowerCase());
    if (known.length > 0 && !match) return setUnknown(brand);
    setUnknown(null);
    setTyped('');
    const name = match ?? brand;
    if (!chosen.includes(name)) onChange([...chosen, name]);
  };
  const described = ['hint-brands', ...(error ? ['err-brands'] : []), ...(unknown ? ['unknown-brand'] : [])].join(' ');

  return (
    <fieldset className="brands" aria-describedby={described}>
      <legend>{t.brands}</legend>
      <p className="hint muted" id="hint-brands">
        {known.length > 0 ? t.brandsHint : t.brandsTyped}
      </p>
      {error && (
        <span className="field-error" id="err-brands">
          {error}
        </span>
      )}
      {chosen.length > 0 && (
        <ul className="plain chosen">
          {chosen.map((b) => (
            <li key={b} data-brand={b}>
              <span>{b}</span>
              <button type="button" className="link" aria-label={`${t.remove}: ${b}`} onClick={() => onChange(chosen.filter((x) => x !== b))}>
                {t.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="search-row">
        <input
          type="text"
          list="catalogue-brands"
          aria-label={t.brandToAdd}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            add();
          }}
        />
        <datalist id="catalogue-brands">
          {known
            .filter((b) => !chosen.includes(b))
            .map((b) => (
              <option key={b} value={b} />
            ))}
        </datalist>
        <button type="button" className="secondary" onClick={add}>
          {t.add}
        </button>
      </div>
      {unknown && (
        <span className="field-error" id="unknown-brand" role="alert">
          {fill(t.brandUnknown, { brand: unknown })}
        </span>
      )}
    </fieldset>
  );
}
