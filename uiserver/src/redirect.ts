/**
 * Where to send a visitor after login: only a path on this server, so the
 * login flow can never become an open redirect (no scheme, no host, no
 * `//host`, no backslash tricks that browsers treat as `/`).
 */
export function safeNextUrl(candidate: string | undefined, prefix: string, callbackPath: string): string {
  if (!candidate || candidate.length > 2048) return prefix;
  if (!candidate.startsWith(prefix) || /[\\\x00-\x20\x7f]/.test(candidate)) return prefix;
  let url: URL;
  try {
    url = new URL(candidate, 'http://isobar.invalid');
  } catch {
    return prefix;
  }
  if (url.origin !== 'http://isobar.invalid' || !url.pathname.startsWith(prefix)) return prefix;
  // Returning to the callback would start another login.
  if (url.pathname === callbackPath) return prefix;
  return candidate;
}
