import { z } from 'zod';

/**
 * The one schema for free text at every boundary (till RPC, central bodies, paths, queries,
 * pushed ops): what SQLite and PostgreSQL both hold. Refused with a message starting
 * `TEXT_INVALID`: a lone surrogate (not Unicode), NUL and other control characters (line breaks
 * only where `multiline`), more than `max` characters. Accepted text is NFC-normalised, so the
 * same name typed on two keyboards is the same string.
 */
export const TEXT_INVALID = 'TEXT_INVALID';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAKS = /[\n\r\t]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function textProblem(value: string, max: number, multiline = false): string | null {
  if (LONE_SURROGATE.test(value)) return `${TEXT_INVALID}: the text holds a broken character (a lone surrogate)`;
  if (CONTROL.test(value) || (!multiline && LINE_BREAKS.test(value))) return `${TEXT_INVALID}: the text holds a control character`;
  if (value.length > max) return `${TEXT_INVALID}: the text is longer than ${max} characters`;
  return null;
}

export function text(options: { max: number; min?: number; multiline?: boolean; trim?: boolean }) {
  const string = options.trim ? z.string().trim() : z.string();
  return string
    .superRefine((value, ctx) => {
      const problem = textProblem(value, options.max, options.multiline);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
      else if (value.length < (options.min ?? 0)) ctx.addIssue({ code: 'custom', message: `${TEXT_INVALID}: the text is shorter than ${options.min} characters` });
    })
    .transform((value) => value.normalize('NFC'));
}
