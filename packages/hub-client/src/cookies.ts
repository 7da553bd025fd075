/**
 * Minimal cookie handling for servers and services behind the hub: they only
 * set cookies whose values they generated (base64url), so no encoding layer
 * is needed. Several cookies may share a name (e.g. a default and a named
 * server of the same owner, with nested paths), so parsing keeps every value.
 */
export function parseCookies(header: string | undefined): Map<string, string[]> {
  const cookies = new Map<string, string[]>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (!name) continue;
    const values = cookies.get(name);
    if (values) values.push(value);
    else cookies.set(name, [value]);
  }
  return cookies;
}

export interface CookieOptions {
  readonly path: string;
  /** Omitted: a browser-session cookie. 0: delete. */
  readonly maxAgeSeconds?: number;
  /** Only over HTTPS; set when the proxy says the browser used HTTPS. */
  readonly secure: boolean;
  /**
   * Lax (default) survives the hub's OAuth redirects, which are top-level
   * navigations; Strict keeps a session cookie off every request another
   * site starts, even a link.
   */
  readonly sameSite?: 'Strict' | 'Lax';
}

const SAFE_VALUE = /^[A-Za-z0-9._~-]*$/;
const SAFE_NAME = /^[A-Za-z0-9_-]+$/;
const SAFE_PATH = /^\/[\x21-\x3a\x3c-\x7e]*$/;

/** A Set-Cookie value; always HttpOnly (no script needs to read them). */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  if (!SAFE_NAME.test(name)) throw new Error(`bad cookie name ${name}`);
  if (!SAFE_VALUE.test(value)) throw new Error(`bad cookie value for ${name}`);
  if (!SAFE_PATH.test(options.path)) throw new Error(`bad cookie path for ${name}`);
  const attributes = [`${name}=${value}`, `Path=${options.path}`, 'HttpOnly', `SameSite=${options.sameSite ?? 'Lax'}`];
  if (options.maxAgeSeconds !== undefined) attributes.push(`Max-Age=${Math.floor(options.maxAgeSeconds)}`);
  if (options.secure) attributes.push('Secure');
  return attributes.join('; ');
}
