import type { RequestHandler } from 'express';
import { sendJsonError } from './respond';

/** Paths below the prefix that are API calls: answered with JSON, never redirected to a login. */
export function isApiPath(relPath: string): boolean {
  return relPath === 'api' || relPath.startsWith('api/');
}

/**
 * The proxy forwards full paths; only those under the service prefix are
 * ours. Records the remaining path for routing (routing by string keeps the
 * prefix, which holds a user name, out of any path-pattern syntax).
 */
export function withinPrefix(prefix: string): RequestHandler {
  const bare = prefix.slice(0, -1);
  return (req, res, next) => {
    const path = req.path;
    if (path.startsWith(prefix)) {
      res.locals.relPath = path.slice(prefix.length);
      next();
      return;
    }
    if (path === bare && (req.method === 'GET' || req.method === 'HEAD')) {
      const query = req.originalUrl.indexOf('?');
      res.redirect(302, prefix + (query >= 0 ? req.originalUrl.slice(query) : ''));
      return;
    }
    sendJsonError(res, 404, 'NOT_FOUND', 'Not found.');
  };
}
