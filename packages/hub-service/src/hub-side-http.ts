import { exchangeOAuthCode, getTokenOwner, type HubSettings } from '@isobar/hub-client';
import type { HubSide } from './hub-side';
import { checkPassword } from './password-check';

/** The real hub, through its REST API, with the service's own token in `settings`. */
export function httpHubSide(settings: HubSettings, clientId: string, oauthCallbackUrl: string): HubSide {
  return {
    // A service's OAuth client secret is its API token, as for servers.
    exchangeCode: (code) => exchangeOAuthCode(settings, { clientId, clientSecret: settings.token, code, redirectUri: oauthCallbackUrl }),
    identify: (accessToken) => getTokenOwner(settings, accessToken),
    checkPassword: (person, password) => checkPassword(settings, person, password),
  };
}
