import express, { type Express, type RequestHandler } from 'express';
import { accessLog } from './access-log';
import { authenticate } from './authenticate';
import { bodyLimit } from './body-limit';
import { errorHandler, notFound } from './error-handler';
import { commonHeaders } from './headers';
import './locals';
import type { Logger } from './log';
import { type LoginDeps, oauthCallback } from './login';
import { withinPrefix } from './paths';
import { allowOnlyGet } from './get-routes';
import { routes, type StatusModel } from './routes';
import type { SessionVerifier } from './verifier';

export interface AppDeps extends LoginDeps {
  readonly log: Logger;
  readonly verifier: SessionVerifier;
  readonly onActivity: () => void;
  readonly hubVersion: () => string | undefined;
  readonly status: () => StatusModel;
  readonly hasApp: boolean;
  readonly mayActAtAll: (visitor: string) => boolean;
  /** Signed-in handlers tried in order after the built-in routes (static files, GraphQL, logs). */
  readonly handlers: readonly RequestHandler[];
}

/** The HTTP side of the server, in the order a request meets it. */
export function createApp(deps: AppDeps): Express {
  const { config } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(commonHeaders(deps.hubVersion));
  app.use(accessLog(deps.log));
  app.use(withinPrefix(config.prefix));
  app.use(bodyLimit());
  const callback = oauthCallback(deps);
  app.use((req, res, next) => {
    if (req.path !== config.callbackPath) {
      next();
      return;
    }
    if (!allowOnlyGet(req, res)) return;
    // Called by hand, so a rejection must be passed on explicitly.
    Promise.resolve(callback(req, res, next)).catch(next);
  });
  app.use(authenticate(deps));
  app.use(routes(deps));
  for (const handler of deps.handlers) app.use(handler);
  app.use(notFound);
  app.use(errorHandler(deps.log));
  return app;
}
