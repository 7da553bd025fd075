import type { ErrorRequestHandler, RequestHandler } from 'express';
import { toHttpError } from '@isobar/hub-client';
import type { Logger } from './log';
import { isApiPath } from './paths';
import { sendJsonError, sendMessagePage } from './respond';

export const notFound: RequestHandler = (_req, res) => {
  sendJsonError(res, 404, 'NOT_FOUND', 'Not found.');
};

/** Last in the chain: every thrown or rejected error ends here and becomes one answer. */
export function errorHandler(log: Logger): ErrorRequestHandler {
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
    if (isApiPath(res.locals.relPath ?? '')) {
      sendJsonError(res, httpError.status, httpError.code, httpError.message);
    } else {
      sendMessagePage(res, httpError.status, 'Something went wrong', httpError.message);
    }
  };
}
