import type { RequestHandler } from 'express';
import '../locals';
import { sendJsonError } from '../respond';
import type { LogHandlers } from './handlers';

/**
 * The log API's paths below the prefix, for mounting after authentication
 * (`app.use(logRoutes(handlers))`). Other paths pass through.
 */
export function logRoutes(handlers: LogHandlers): RequestHandler {
  const table = new Map<string, RequestHandler>([
    ['api/logs/files', handlers.files],
    ['api/logs/file', handlers.file],
  ]);
  return (req, res, next) => {
    const handler = table.get(res.locals.relPath ?? '');
    if (!handler) {
      next();
      return;
    }
    if (!res.locals.session) throw new Error('log route reached without a session');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendJsonError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here.`);
      return;
    }
    handler(req, res, next);
  };
}
