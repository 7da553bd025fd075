export type { HubSettings } from './settings';
export { DEFAULT_TIMEOUT_MS } from './settings';
export type { HubFetch, HubRequest, HubResponse } from './transport';
export { nodeHttpFetch } from './node-http-fetch';
export type { HubUser, OAuthCodeExchange } from './models';
export {
  HubClientError,
  HubHttpError,
  HubInvalidReplyError,
  HubUnreachableError,
  OAuthCodeRejectedError,
  TokenRejectedError,
  type HubClientErrorCode,
} from './errors';
export { exchangeOAuthCode } from './oauth';
export { getTokenOwner } from './user';
export { reportActivity } from './activity';
export { getHubVersion } from './version';
export { hasAccessScope, defaultAccessScopes } from './scopes';
export { validateTokenReply, validateUserReply, validateVersionReply } from './validate';
export { parseCookies, serializeCookie, type CookieOptions } from './cookies';
export { STATE_MAX_AGE_SECONDS, matchLoginState, newLoginState, stateCookieName, type LoginState } from './login-state';
export { HUB_SESSION_COOKIE, SessionCookie, hubSessionId, isHttps } from './session-cookie';
export { HttpError, toHttpError } from './http-errors';
