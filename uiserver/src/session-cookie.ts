import type { IncomingMessage } from 'node:http';
import { SessionCookie } from '@isobar/hub-client';
import type { Response } from 'express';

export { hubSessionId, isHttps } from '@isobar/hub-client';

/** Scoped by Path to this server's prefix, so other users' servers never see it. */
export const SESSION_COOKIE = 'isobar-session';

// Lax: the hub's OAuth redirects back here are top-level navigations.
const cookie = new SessionCookie(SESSION_COOKIE, 'Lax');

export function sessionIds(req: IncomingMessage): string[] {
  return cookie.ids(req);
}

export function setSessionCookie(res: Response, req: IncomingMessage, id: string, prefix: string): void {
  cookie.set(res, req, id, prefix);
}

export function clearSessionCookie(res: Response, req: IncomingMessage, prefix: string): void {
  cookie.clear(res, req, prefix);
}
