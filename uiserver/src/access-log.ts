import type { RequestHandler } from 'express';
import type { Logger } from './log';

/**
 * One line per request. The query string is left out on purpose: the OAuth
 * callback's carries a one-time code.
 */
export function accessLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.locals.receivedAt = performance.now();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info(`${req.method} ${req.path} ${res.statusCode}`, {
        ms: Math.round(ms * 10) / 10,
        visitor: res.locals.session?.visitor,
      });
    });
    next();
  };
}
