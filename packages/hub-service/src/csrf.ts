import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { sessionOf } from './authenticate';
import { fromOurOrigin } from './origin';
import { sendJsonError } from './respond';

/** The header that carries the session's CSRF token on API calls. */
export const CSRF_HEADER = 'x-isobar-csrf';

export function tokensEqual(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Fetch metadata, where the browser sends it: anything but same-origin is another site's request. */
export function crossSiteByFetchMetadata(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin';
}

function isJson(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * State-changing API calls. The session cookie is SameSite=Strict already;
 * on top, the request must come from our origin, and either carry the
 * session's CSRF token or be a JSON fetch (which another origin cannot send
 * without a CORS preflight, and this service answers none). The JSON path
 * is how UI server pages, on the same origin but without the token, ask for
 * grants.
 */
export function requireApiCsrf(allowedOrigins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    if (!fromOurOrigin(req, allowedOrigins) || crossSiteByFetchMetadata(req)) {
      sendJsonError(res, 403, 'FOREIGN_ORIGIN', 'This request did not come from a page of this site.');
      return;
    }
    if (tokensEqual(req.headers[CSRF_HEADER], sessionOf(res.locals).csrfToken) || isJson(req)) {
      next();
      return;
    }
    sendJsonError(res, 403, 'CSRF', 'This request carries no valid CSRF token.');
  };
}
