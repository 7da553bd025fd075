import type { IncomingMessage } from 'node:http';
import { SessionCookie } from '@isobar/hub-client';
import type { Response } from 'express';

export { HUB_SESSION_COOKIE, hubSessionId, isHttps } from '@isobar/hub-client';

/** Scoped by Path to the service prefix: UI servers under /user/ never receive it. */
export const SESSION_COOKIE = 'isobar-service-session';

// Strict: no other site can make the browser send it, not even by a link.
const cookie = new SessionCookie(SESSION_COOKIE, 'Strict');

export function sessionIds(req: IncomingMessage): string[] {
  return cookie.ids(req);
}

export function setSessionCookie(res: Response, req: IncomingMessage, id: string, prefix: string): void {
  cookie.set(res, req, id, prefix);
}

export function clearSessionCookie(res: Response, req: IncomingMessage, prefix: string): void {
  cookie.clear(res, req, prefix);
}
