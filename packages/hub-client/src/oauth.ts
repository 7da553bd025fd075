import { OAuthCodeRejectedError } from './errors';
import type { OAuthCodeExchange } from './models';
import { discard, hubFetch, readJson, unexpectedStatus } from './request';
import { apiEndpoint, type HubSettings } from './settings';
import { validateTokenReply } from './validate';

/**
 * Trade an authorization code for an access token (`POST {api}/oauth2/token`,
 * form-encoded, as JupyterHub's own HubOAuth does). Returns the access token.
 */
export async function exchangeOAuthCode(settings: HubSettings, exchange: OAuthCodeExchange): Promise<string> {
  const what = 'oauth2/token';
  const body = new URLSearchParams({
    client_id: exchange.clientId,
    client_secret: exchange.clientSecret,
    grant_type: 'authorization_code',
    code: exchange.code,
    redirect_uri: exchange.redirectUri,
  });
  const response = await hubFetch(settings, apiEndpoint(settings, 'oauth2/token'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: body.toString(),
  });
  // oauthlib answers a bad, reused or foreign code with 400 (invalid_grant) or 401/403 (client).
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    await discard(response);
    throw new OAuthCodeRejectedError(response.status);
  }
  if (!response.ok) throw await unexpectedStatus(response, what);
  const reply = await readJson(response, what);
  validateTokenReply(reply);
  return reply.access_token;
}
