import type { Request, RequestHandler, Response } from 'express';
import type { UiServerConfig } from './config';
import { beginLogin } from './login';
import { isApiPath } from './paths';
import { sendJsonError, sendMessagePage } from './respond';
import { clearSessionCookie, hubSessionId, sessionIds } from './session-cookie';
import type { SessionVerifier } from './verifier';

export interface AuthenticateDeps {
  readonly config: UiServerConfig;
  readonly verifier: SessionVerifier;
  /** Called for every authenticated request: it keeps the server alive. */
  readonly onActivity: () => void;
}

/**
 * Everything after this needs a signed-in, allowed visitor. Pages without a
 * session go to the hub to sign in; API calls get 401 (a script or a
 * background fetch cannot follow a login redirect usefully).
 */
export function authenticate(deps: AuthenticateDeps): RequestHandler {
  const { config } = deps;
  return async (req, res, next) => {
    const ids = sessionIds(req);
    const verdict = await deps.verifier.verifyRequest(ids, hubSessionId(req));
    if (verdict.kind === 'ok') {
      res.locals.session = verdict.session;
      deps.onActivity();
      next();
      return;
    }
    if (ids.length > 0) clearSessionCookie(res, req, config.prefix);
    if (verdict.kind === 'forbidden') {
      refuse(req, res, config, verdict.visitor);
      return;
    }
    const page = req.method === 'GET' || req.method === 'HEAD';
    if (!page || isApiPath(res.locals.relPath ?? '')) {
      sendJsonError(res, 401, 'NOT_AUTHENTICATED', 'Sign in through the hub first.');
      return;
    }
    beginLogin(config, req, res);
  };
}

function refuse(req: Request, res: Response, config: UiServerConfig, visitor: string): void {
  const message = `${visitor} may not open ${config.owner}'s server.`;
  if (isApiPath(res.locals.relPath ?? '') || (req.method !== 'GET' && req.method !== 'HEAD')) {
    sendJsonError(res, 403, 'NO_ACCESS', message);
  } else {
    sendMessagePage(res, 403, 'No access', `${message} Ask ${config.owner} or your site administrators for access.`);
  }
}
