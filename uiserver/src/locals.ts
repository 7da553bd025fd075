import type { Session } from './sessions';

/* Typed per-request state carried between middleware in `res.locals`. */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Set by the session middleware for authenticated requests. */
      session?: Session;
      /** The request body, read (within limits) by bodyLimit. */
      body?: Buffer;
      /** performance.now() when the request arrived (set first, by the access log). */
      receivedAt?: number;
      /** The path below the service prefix, e.g. `api/status`. */
      relPath?: string;
    }
  }
}

export {};
