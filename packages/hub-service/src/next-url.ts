const PLACEHOLDER_ORIGIN = 'http://isobar.invalid';

/**
 * Where to go back after an elevation: only a page of a UI server
 * (`{base}user/...`) on our own origin, so the elevation page can never be
 * an open redirect. Returns the normalised path (dot segments, including
 * encoded ones, resolved the way browsers resolve them) or undefined.
 */
export function safeReturnPath(candidate: unknown, userPrefix: string, origins: readonly string[]): string | undefined {
  if (typeof candidate !== 'string' || candidate === '' || candidate.length > 2048) return undefined;
  // Browsers read `\` as `/` and drop tabs and newlines: such URLs mean different things to different parsers.
  if (/[\\\x00-\x20\x7f]/.test(candidate)) return undefined;
  const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(candidate);
  if (!absolute && !candidate.startsWith('/')) return undefined;
  const base = origins[0] ?? PLACEHOLDER_ORIGIN;
  let url: URL;
  try {
    url = new URL(candidate, base);
  } catch {
    return undefined;
  }
  // `//evil.example/user/x` is absolute too, and lands here with a foreign origin.
  const allowed = absolute ? origins : [...origins, base];
  if (!allowed.includes(url.origin) || url.username !== '' || url.password !== '') return undefined;
  if (!url.pathname.startsWith(userPrefix) || url.pathname.length === userPrefix.length) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Where to go after signing in: only a path of this service (the login was
 * started by one of its pages), and never the callback itself.
 */
export function safeServicePath(candidate: string | undefined, prefix: string, callbackPath: string): string {
  if (!candidate || candidate.length > 4096 || !candidate.startsWith(prefix) || /[\\\x00-\x20\x7f]/.test(candidate)) return prefix;
  let url: URL;
  try {
    url = new URL(candidate, PLACEHOLDER_ORIGIN);
  } catch {
    return prefix;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN || !url.pathname.startsWith(prefix) || url.pathname === callbackPath) return prefix;
  return `${url.pathname}${url.search}`;
}
