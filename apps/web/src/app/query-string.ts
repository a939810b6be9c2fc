export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Readonly<Record<string, QueryValue | readonly QueryValue[]>>;

/**
 * `?a=1&b=x` from an object, leaving out undefined, null and empty strings so that
 * "no filter" is never sent as `q=`. Arrays repeat the key. Returns '' when nothing is left.
 */
export function buildQuery(params: QueryParams | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, raw] of Object.entries(params)) {
    const values = Array.isArray(raw) ? raw : [raw];
    for (const v of values as readonly QueryValue[]) {
      if (v === undefined || v === null) continue;
      const s = String(v);
      if (s.trim() === '') continue;
      search.append(key, s);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
