import type { RequestHandler } from 'express';

/** Headers on every answer. */
export function commonHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // The `next` URLs name owners and workflows; keep them off other sites.
    res.setHeader('Referrer-Policy', 'same-origin');
    // Every answer depends on who asks, and some carry grants.
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
