import type { Request, RequestHandler, Response } from 'express';
import { sendJsonError } from './respond';

/** Nothing this server accepts is bigger: bodies are small JSON commands. */
export const BODY_LIMIT_BYTES = 64 * 1024;
/** After refusing, read at most this much more (so the client sees the 413), then cut the connection. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;

/**
 * Reads request bodies up to `limit` into `res.locals.body`; larger ones get
 * 413 without being buffered. Reading is streamed, so a slow or huge upload
 * ties up only its own connection, never the event loop.
 */
export function bodyLimit(limit = BODY_LIMIT_BYTES): RequestHandler {
  return (req, res, next) => {
    const declared = req.headers['content-length'];
    const chunked = req.headers['transfer-encoding'] !== undefined;
    if (declared === undefined && !chunked) {
      next();
      return;
    }
    if (declared !== undefined && Number(declared) > limit) {
      refuse(req, res, limit, Number(declared));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        settled = true;
        refuse(req, res, limit, size);
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      res.locals.body = Buffer.concat(chunks);
      next();
    });
    req.on('error', (err) => {
      if (settled) return;
      settled = true;
      next(err);
    });
  };
}

function refuse(req: Request, res: Response, limit: number, seen: number): void {
  // Node drains unread bodies to keep the connection; not for huge ones.
  if (seen > DRAIN_LIMIT_BYTES) res.setHeader('Connection', 'close');
  sendJsonError(res, 413, 'BODY_TOO_LARGE', `Request bodies are limited to ${limit} bytes.`);
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) req.socket.destroy();
  });
  req.resume();
}
