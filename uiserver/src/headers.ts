import type { RequestHandler } from 'express';

/**
 * Headers on every answer. X-JupyterHub-Version is what the hub looks for
 * to recognise a compatible server (it omits redirect-loop limits for it);
 * it is left out only while the version is unknown.
 */
export function commonHeaders(hubVersion: () => string | undefined): RequestHandler {
  return (_req, res, next) => {
    const version = hubVersion();
    if (version) res.setHeader('X-JupyterHub-Version', version);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Paths may carry workflow names; keep them off other sites.
    res.setHeader('Referrer-Policy', 'same-origin');
    // Every answer depends on who asks.
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
