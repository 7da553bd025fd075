import { STATE_MAX_AGE_SECONDS, matchLoginState, newLoginState, parseCookies, serializeCookie, stateCookieName } from '@isobar/hub-client';
import type { HubUser } from '@isobar/hub-client';
import type { Request, RequestHandler, Response } from 'express';
import type { UiServerConfig } from './config';
import type { Logger } from './log';
import { safeNextUrl } from './redirect';
import { sendMessagePage } from './respond';
import { hubSessionId, isHttps, setSessionCookie } from './session-cookie';
import type { SessionStore } from './sessions';

/** This client's OAuth state cookies (see hub-client's login-state). */
const STATE_COOKIE_PREFIX = 'isobar-oauth-state-';

export interface LoginDeps {
  readonly config: UiServerConfig;
  readonly sessions: SessionStore;
  /** Authorization code → access token (the hub's token endpoint). */
  readonly exchangeCode: (code: string) => Promise<string>;
  /** Access token → its owner and scopes (the hub's /user). */
  readonly identify: (accessToken: string) => Promise<HubUser>;
  /** May this person open this server? */
  readonly allowed: (user: HubUser) => boolean;
  readonly log: Logger;
}

/** The hub's authorize endpoint as the browser reaches it (through the proxy, or on JUPYTERHUB_HOST). */
export function authorizeUrl(config: UiServerConfig, state: string): string {
  const query = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: config.oauthCallbackUrl,
    response_type: 'code',
    state,
  });
  return `${config.hubHost}${config.baseUrl}hub/api/oauth2/authorize?${query.toString()}`;
}

/** Send the browser to the hub to sign in, remembering where it wanted to go. */
export function beginLogin(config: UiServerConfig, req: Request, res: Response): void {
  const login = newLoginState(safeNextUrl(req.originalUrl, config.prefix, config.callbackPath), STATE_COOKIE_PREFIX);
  res.append(
    'Set-Cookie',
    serializeCookie(login.cookieName, login.cookieValue, {
      path: config.callbackPath,
      maxAgeSeconds: STATE_MAX_AGE_SECONDS,
      secure: isHttps(req),
    }),
  );
  res.redirect(302, authorizeUrl(config, login.state));
}

function single(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `<prefix>oauth_callback`: check state, trade the code, identify the visitor, open a session. */
export function oauthCallback(deps: LoginDeps): RequestHandler {
  const { config, log } = deps;
  const again = { href: config.prefix, text: 'Try again' };
  return async (req, res) => {
    const code = single(req.query['code']);
    const state = single(req.query['state']);
    const hubError = single(req.query['error']);
    if (hubError) {
      sendMessagePage(res, 400, 'Not signed in', `The hub did not sign you in (${hubError.slice(0, 100)}).`, again);
      return;
    }
    if (!code || !state) {
      sendMessagePage(res, 400, 'Not signed in', 'The sign-in reply from the hub is incomplete.', again);
      return;
    }
    const next = matchLoginState(parseCookies(req.headers.cookie), state, STATE_COOKIE_PREFIX);
    if (next === undefined) {
      log.warn('login refused: state does not match any login started here');
      sendMessagePage(res, 400, 'Not signed in', 'This sign-in was not started from this browser, or took too long.', again);
      return;
    }
    res.append(
      'Set-Cookie',
      serializeCookie(stateCookieName(state, STATE_COOKIE_PREFIX), '', {
        path: config.callbackPath,
        maxAgeSeconds: 0,
        secure: isHttps(req),
      }),
    );
    const accessToken = await deps.exchangeCode(code);
    const user = await deps.identify(accessToken);
    if (!deps.allowed(user)) {
      log.info('access refused: no access scope for this server', { visitor: user.name });
      sendMessagePage(
        res,
        403,
        'No access',
        `You are signed in as ${user.name}, but you may not open ${config.owner}'s server. ` +
          `Ask ${config.owner} or your site administrators for access.`,
      );
      return;
    }
    const session = deps.sessions.create(user.name, user.groups, accessToken, hubSessionId(req));
    setSessionCookie(res, req, session.id, config.prefix);
    log.info('signed in', { visitor: user.name });
    res.redirect(302, safeNextUrl(next, config.prefix, config.callbackPath));
  };
}
