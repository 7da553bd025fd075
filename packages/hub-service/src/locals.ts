import type { HubUser } from '@isobar/hub-client';
import type { BrowserSession } from './sessions';

/* Typed per-request state carried between middleware in `res.locals`. */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Set by requireSession for signed-in browsers. */
      session?: BrowserSession;
      /** Set by requireServerToken for UI servers: whom their hub token belongs to. */
      caller?: HubUser;
    }
  }
}

export {};
