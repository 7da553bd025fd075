/**
 * The session cookie of a server or service behind the hub, and what the
 * hub's proxy and the hub's own cookies say about a request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCookies, serializeCookie } from './cookies';

/**
 * The hub's login session (JupyterHub sets it at sign-in, path `/`, and
 * clears it at sign-out). A session bound to the one it was made under
 * ends when that hub login does: signing out of the hub, or someone else
 * signing in at the same screen, ends it at once, not at the next token
 * re-check.
 */
export const HUB_SESSION_COOKIE = 'jupyterhub-session-id';

/** The hub session the request comes with, if exactly one. */
export function hubSessionId(req: IncomingMessage): string | undefined {
  const values = parseCookies(req.headers.cookie).get(HUB_SESSION_COOKIE) ?? [];
  return values.length === 1 ? values[0] : undefined;
}

/**
 * The proxy tells us how the browser connected; cookies get Secure only when
 * that was HTTPS (a Secure cookie over plain HTTP would never come back).
 */
export function isHttps(req: IncomingMessage): boolean {
  const proto = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}

/** One session cookie, scoped by Path to the prefix it is set for. */
export class SessionCookie {
  constructor(
    readonly name: string,
    private readonly sameSite: 'Strict' | 'Lax' = 'Lax',
  ) {}

  /** Every value the browser sent (nested prefixes may send more than one). */
  ids(req: IncomingMessage): string[] {
    return parseCookies(req.headers.cookie).get(this.name) ?? [];
  }

  /** No Max-Age: the session ends with the browser or with the process, whichever is first. */
  set(res: ServerResponse, req: IncomingMessage, id: string, path: string): void {
    res.appendHeader('Set-Cookie', serializeCookie(this.name, id, { path, secure: isHttps(req), sameSite: this.sameSite }));
  }

  clear(res: ServerResponse, req: IncomingMessage, path: string): void {
    res.appendHeader(
      'Set-Cookie',
      serializeCookie(this.name, '', { path, maxAgeSeconds: 0, secure: isHttps(req), sameSite: this.sameSite }),
    );
  }
}
