import type { IncomingMessage } from 'node:http';
import type { Response } from 'express';
import { parseCookies, serializeCookie } from '@isobar/hub-client';

/** Scoped by Path to this server's prefix, so other users' servers never see it. */
export const SESSION_COOKIE = 'isobar-session';

/** Every session cookie the browser sent (nested prefixes may send more than one). */
export function sessionIds(req: IncomingMessage): string[] {
  return parseCookies(req.headers.cookie).get(SESSION_COOKIE) ?? [];
}

/**
 * The hub's login session (JupyterHub sets it at sign-in, path `/`, and
 * clears it at sign-out). A session here is bound to the one it was made
 * under, so signing out of the hub — or someone else signing in at the same
 * screen — ends it at once, not at the next token re-check.
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

export function setSessionCookie(res: Response, req: IncomingMessage, id: string, prefix: string): void {
  // No Max-Age: the session ends with the browser or with this process, whichever is first.
  res.append('Set-Cookie', serializeCookie(SESSION_COOKIE, id, { path: prefix, secure: isHttps(req) }));
}

export function clearSessionCookie(res: Response, req: IncomingMessage, prefix: string): void {
  res.append('Set-Cookie', serializeCookie(SESSION_COOKIE, '', { path: prefix, maxAgeSeconds: 0, secure: isHttps(req) }));
}
