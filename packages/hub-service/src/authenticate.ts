import type { Logger } from '@isobar/core';
import type { Request, RequestHandler } from 'express';
import type { ServiceConfig } from './config';
import { beginLogin } from './login';
import { sendJsonError, sendMessagePage } from './respond';
import { clearSessionCookie, hubSessionId, sessionIds } from './session-cookie';
import type { BrowserSession, SessionStore } from './sessions';

/**
 * How a request without a session is answered: pages go to the hub to sign
 * in; a form post cannot be replayed after a login, so it gets a page that
 * says so; API calls get 401 JSON (a script cannot follow a login redirect).
 */
export type Unauthenticated = 'login' | 'page' | 'json';

/** The live session among the cookies, ended if the hub login it was made under is gone (signed out, someone else signed in). */
export function findSession(req: Request, sessions: SessionStore, log: Logger): BrowserSession | undefined {
  const hubSession = hubSessionId(req);
  for (const id of sessionIds(req)) {
    const session = sessions.get(id);
    if (!session) continue;
    if (session.hubSessionId !== undefined && session.hubSessionId !== hubSession) {
      sessions.delete(id);
      log.info('session ended: the hub login it was made under is gone', { person: session.person });
      continue;
    }
    return session;
  }
  return undefined;
}

export function requireSession(config: ServiceConfig, sessions: SessionStore, log: Logger, otherwise: Unauthenticated): RequestHandler {
  return (req, res, next) => {
    const session = findSession(req, sessions, log);
    if (session) {
      res.locals.session = session;
      next();
      return;
    }
    if (sessionIds(req).length > 0) clearSessionCookie(res, req, config.prefix);
    if (otherwise === 'login') beginLogin(config, req, res);
    else if (otherwise === 'page') sendMessagePage(res, 401, 'Not signed in', 'Your sign-in has ended. Go back and try again.');
    else sendJsonError(res, 401, 'NOT_AUTHENTICATED', 'Sign in through the hub first.');
  };
}

/** The session requireSession found; a route mounted without it is a programming error. */
export function sessionOf(locals: { session?: BrowserSession }): BrowserSession {
  if (!locals.session) throw new Error('route used without requireSession');
  return locals.session;
}
