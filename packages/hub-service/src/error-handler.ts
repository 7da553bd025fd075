import type { Logger } from '@isobar/core';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { toHttpError } from '@isobar/hub-client';
import { sendJsonError, sendMessagePage } from './respond';

export function isApiPath(path: string, prefix: string): boolean {
  return path.startsWith(`${prefix}api/`);
}

export function notFound(prefix: string): RequestHandler {
  return (req, res) => {
    if (isApiPath(req.path, prefix)) sendJsonError(res, 404, 'NOT_FOUND', 'Not found.');
    else sendMessagePage(res, 404, 'Not found', 'There is no such page here.');
  };
}

/** Last in the chain: every thrown or rejected error ends here and becomes one answer. */
export function errorHandler(prefix: string, log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const httpError = toHttpError(err);
    if (httpError.status >= 500) {
      log.error('request failed', {
        method: req.method,
        path: req.path,
        code: httpError.code,
        error: err instanceof Error ? err.message : String(err),
      });
    }
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    if (isApiPath(req.path, prefix)) sendJsonError(res, httpError.status, httpError.code, httpError.message);
    else sendMessagePage(res, httpError.status, 'Something went wrong', httpError.message);
  };
}
