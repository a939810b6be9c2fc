/**
 * Where to go after signing in. Only paths inside this app are accepted, so a crafted
 * `/signin?next=https://evil.example` (or `//evil.example`) cannot send people elsewhere.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/calendar'): string {
  if (!next) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  // Control characters and backslashes are never part of a path we produced.
  if ([...next].some((c) => c.charCodeAt(0) < 0x20 || c === '\\')) return fallback;
  // Never bounce back to the pages that sent us here.
  const path = next.split(/[?#]/)[0] ?? '';
  if (path === '/signin' || path === '/setup') return fallback;
  return next;
}

/** `/signin?next=…` for the page a signed-out person tried to open. */
export function signInPath(from: string): string {
  const path = safeNextPath(from, '/');
  return path === '/' || path === '/calendar' ? '/signin' : `/signin?next=${encodeURIComponent(path)}`;
}
