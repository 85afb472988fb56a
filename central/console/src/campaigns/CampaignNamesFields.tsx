import { LANGUAGES, type Language } from '../../../../core/i18n/index.js';
import type { CampaignNames } from '../../../../core/sync/pull.js';
import { useFormat } from '../format.js';

/** The three names as typed: an empty one is left out (the tills show the campaign's name). */
export type NamesDraft = Record<Language, string>;

export function namesDraftOf(names: CampaignNames | null | undefined): NamesDraft {
  return { en: names?.en ?? '', ru: names?.ru ?? '', ro: names?.ro ?? '' };
}

/** The body's `names`, with only the languages typed; none typed: no `names` at all. */
export function namesBody(d: NamesDraft): { names?: Partial<NamesDraft> } {
  const typed = LANGUAGES.filter((l) => d[l].trim() !== '');
  return typed.length === 0 ? {} : { names: Object.fromEntries(typed.map((l) => [l, d[l]])) };
}

/** The campaign's name in en, ru and ro, each with its own error when central refuses it (field `names.<lang>`). */
export function CampaignNamesFields({ names, onChange, refused }: { names: NamesDraft; onChange: (names: NamesDraft) => void; refused: readonly string[] }) {
  const f = useFormat();
  const s = f.s.ui.campaigns;
  return (
    <fieldset className="campaign-names">
      <legend>{s.localNames.legend}</legend>
      {LANGUAGES.map((lang) => {
        const field = `names.${lang}` as const;
        const bad = refused.includes(field);
        const errorId = `err-names-${lang}`;
        return (
          <label key={lang} lang={lang}>
            {s.localNames[lang]}
            <input
              type="text"
              value={names[lang]}
              onChange={(e) => onChange({ ...names, [lang]: e.target.value })}
              aria-invalid={bad || undefined}
              aria-describedby={bad ? errorId : undefined}
            />
            {bad && (
              <span className="field-error" id={errorId}>
                {s.form.invalid[field]}
              </span>
            )}
          </label>
        );
      })}
    </fieldset>
  );
}
