import { useState } from 'react';
import { fill } from '../../../../core/console/format.js';
import { useFormat } from '../format.js';
import { useLoad } from '../customers/useCustomers.js';
import { ChosenList, PickRow } from './Chooser.js';

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
      <ChosenList items={chosen.map((b) => ({ key: b, label: b }))} onRemove={(b) => onChange(chosen.filter((x) => x !== b))} />
      <PickRow label={t.brandToAdd} value={typed} onChange={setTyped} onPick={add} button={t.add} list="catalogue-brands">
        <datalist id="catalogue-brands">
          {known
            .filter((b) => !chosen.includes(b))
            .map((b) => (
              <option key={b} value={b} />
            ))}
        </datalist>
      </PickRow>
      {unknown && (
        <span className="field-error" id="unknown-brand" role="alert">
          {fill(t.brandUnknown, { brand: unknown })}
        </span>
      )}
    </fieldset>
  );
}
