/** "Ana Popescu" → first name "Ana", initial "P.": enough to ask "are you Ana P.?" or to greet her. */
export function splitName(name: string): { firstName: string; surnameInitial: string } {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  const surname = rest.at(-1) ?? '';
  return { firstName: first, surnameInitial: surname ? `${[...surname][0]}.` : '' };
}
