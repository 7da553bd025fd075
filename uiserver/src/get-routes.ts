/**
 * The checks every read-only JSON route repeats: GET and HEAD only (405
 * with Allow otherwise), and, for the visitor's routes, a session (401).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import './locals';
import { sendJsonError } from './respond';

/** True when the method may go on; otherwise the 405 is sent. */
export function allowOnlyGet(req: Request, res: Response): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  res.setHeader('Allow', 'GET, HEAD');
  sendJsonError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here.`);
  return false;
}

export type VisitorHandler = (req: Request, res: Response, visitor: string, next: NextFunction) => void;

/** `<prefix><relPath>` for a signed-in visitor: other paths pass on; the handler gets the visitor. */
export function visitorGetRoute(relPath: string, handle: VisitorHandler): RequestHandler {
  return (req, res, next) => {
    if (res.locals.relPath !== relPath) {
      next();
      return;
    }
    if (!allowOnlyGet(req, res)) return;
    const visitor = res.locals.session?.visitor;
    if (visitor === undefined) {
      sendJsonError(res, 401, 'UNAUTHENTICATED', 'Sign in through the hub first.');
      return;
    }
    handle(req, res, visitor, next);
  };
}
