import type { IncomingMessage } from 'node:http';
import type { Response } from 'express';
import { parseCookies, serializeCookie } from '@isobar/hub-client';

/** Scoped by Path to the service prefix: UI servers under /user/ never receive it. */
export const SESSION_COOKIE = 'isobar-service-session';

/** The hub's login session cookie; a session here ends when the hub login it was made under does. */
export const HUB_SESSION_COOKIE = 'jupyterhub-session-id';

export function sessionIds(req: IncomingMessage): string[] {
  return parseCookies(req.headers.cookie).get(SESSION_COOKIE) ?? [];
}

/** The hub session the request comes with, if exactly one. */
export function hubSessionId(req: IncomingMessage): string | undefined {
  const values = parseCookies(req.headers.cookie).get(HUB_SESSION_COOKIE) ?? [];
  return values.length === 1 ? values[0] : undefined;
}

/** Whether the browser used HTTPS, as the proxy reports it; Secure cookies only then. */
export function isHttps(req: IncomingMessage): boolean {
  const proto = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}

export function setSessionCookie(res: Response, req: IncomingMessage, id: string, prefix: string): void {
  // No Max-Age: the session ends with the browser or with this process, whichever is first.
  res.append('Set-Cookie', serializeCookie(SESSION_COOKIE, id, { path: prefix, secure: isHttps(req), sameSite: 'Strict' }));
}

export function clearSessionCookie(res: Response, req: IncomingMessage, prefix: string): void {
  res.append(
    'Set-Cookie',
    serializeCookie(SESSION_COOKIE, '', { path: prefix, maxAgeSeconds: 0, secure: isHttps(req), sameSite: 'Strict' }),
  );
}
