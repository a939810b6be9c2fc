/** The text of each named control of a submitted form (files and missing controls become ''). */
export function readForm<K extends string>(form: HTMLFormElement, names: readonly K[]): Record<K, string> {
  const data = new FormData(form);
  const out = {} as Record<K, string>;
  for (const name of names) {
    const v = data.get(name);
    out[name] = typeof v === 'string' ? v : '';
  }
  return out;
}
