import { STATE_MAX_AGE_SECONDS, matchLoginState, newLoginState, parseCookies, serializeCookie, stateCookieName } from '@isobar/hub-client';
import type { Logger } from '@isobar/core';
import type { Request, RequestHandler, Response } from 'express';
import type { ServiceConfig } from './config';
import { type HubSide, mayUseService } from './hub-side';
import { safeServicePath } from './next-url';
import { renderContinuePage } from './pages';
import { newNonce, sendHtml, sendMessagePage } from './respond';
import { hubSessionId, isHttps, setSessionCookie } from './session-cookie';
import type { SessionStore } from './sessions';

/** This client's OAuth state cookies (see hub-client's login-state). */
const STATE_COOKIE_PREFIX = 'isobar-service-state-';

export interface LoginDeps {
  readonly config: ServiceConfig;
  readonly sessions: SessionStore;
  readonly hub: HubSide;
  readonly log: Logger;
}

/** Send the browser to the hub to sign in, remembering which page of ours it wanted. */
export function beginLogin(config: ServiceConfig, req: Request, res: Response): void {
  const login = newLoginState(safeServicePath(req.originalUrl, config.prefix, config.callbackPath), STATE_COOKIE_PREFIX);
  res.append(
    'Set-Cookie',
    serializeCookie(login.cookieName, login.cookieValue, {
      path: config.callbackPath,
      maxAgeSeconds: STATE_MAX_AGE_SECONDS,
      secure: isHttps(req),
      // Lax: it must come back on the hub's redirect, a top-level navigation.
      sameSite: 'Lax',
    }),
  );
  const query = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: config.oauthCallbackUrl,
    response_type: 'code',
    state: login.state,
  });
  res.redirect(302, `${config.authorizeUrl}?${query.toString()}`);
}

function single(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The OAuth callback: check state, trade the code, identify the person, open a session. */
export function oauthCallback(deps: LoginDeps): RequestHandler {
  const { config, log } = deps;
  return async (req, res) => {
    const code = single(req.query['code']);
    const state = single(req.query['state']);
    const hubError = single(req.query['error']);
    if (hubError) {
      sendMessagePage(res, 400, 'Not signed in', `The hub did not sign you in (${hubError.slice(0, 100)}).`);
      return;
    }
    if (!code || !state) {
      sendMessagePage(res, 400, 'Not signed in', 'The sign-in reply from the hub is incomplete.');
      return;
    }
    const next = matchLoginState(parseCookies(req.headers.cookie), state, STATE_COOKIE_PREFIX);
    if (next === undefined) {
      log.warn('login refused: state does not match any login started here');
      sendMessagePage(res, 400, 'Not signed in', 'This sign-in was not started from this browser, or took too long.');
      return;
    }
    res.append(
      'Set-Cookie',
      serializeCookie(stateCookieName(state, STATE_COOKIE_PREFIX), '', {
        path: config.callbackPath,
        maxAgeSeconds: 0,
        secure: isHttps(req),
        sameSite: 'Lax',
      }),
    );
    const accessToken = await deps.hub.exchangeCode(code);
    const user = await deps.hub.identify(accessToken);
    if (!mayUseService(user, config.accessScopes)) {
      log.info('access refused: no access scope for this service', { person: user.name });
      sendMessagePage(res, 403, 'No access', `You are signed in as ${user.name}, but you may not use this service.`);
      return;
    }
    const session = deps.sessions.create(user.name, accessToken, hubSessionId(req));
    setSessionCookie(res, req, session.id, config.prefix);
    log.info('signed in', { person: user.name });
    const nonce = newNonce();
    sendHtml(res, 200, renderContinuePage(safeServicePath(next, config.prefix, config.callbackPath), nonce), nonce);
  };
}
