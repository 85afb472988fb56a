import { useState, type InputHTMLAttributes } from 'react';
import { readDate, readDateTime, showDate, showDateTime } from '../../../core/console/dateInput.js';
import { useFormat } from './format.js';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  /** 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:mm' with `time`; or the text as typed while it is not a date yet. */
  value: string;
  onChange: (value: string) => void;
  time?: boolean;
};

/**
 * A date (and time) field in the console's language rather than the browser's: typed as the
 * language writes dates, its pattern shown beside it; the form keeps the ISO value, or the text
 * as typed while it is not a real date (central then refuses the field by name).
 */
export function DateInput({ value, onChange, time = false, ...rest }: Props) {
  const f = useFormat();
  const show = (v: string) => (time ? showDateTime(v, f.lang) : showDate(v, f.lang));
  const read = (t: string) => (time ? readDateTime(t, f.lang) : readDate(t, f.lang));
  const [text, setText] = useState(() => show(value));
  // A value set from outside (a reset, another language) is shown anew; one that came from typing keeps the text.
  const [seen, setSeen] = useState({ value, lang: f.lang });
  if (seen.value !== value || seen.lang !== f.lang) {
    setSeen({ value, lang: f.lang });
    if ((read(text) ?? text) !== value || seen.lang !== f.lang) setText(show(value));
  }
  const pattern = time ? f.s.ui.app.dateTimeFormat : f.s.ui.app.dateFormat;
  return (
    <>
      <span className="date-pattern">{pattern}</span>
      <input
        {...rest}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={pattern}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(read(e.target.value) ?? e.target.value);
        }}
      />
    </>
  );
}
