import { TokenRejectedError } from './errors';
import type { HubUser } from './models';
import { discard, hubFetch, readJson, unexpectedStatus } from './request';
import { apiEndpoint, type HubSettings } from './settings';
import { validateUserReply } from './validate';

/**
 * Who owns `accessToken` (`GET {api}/user`), with the token's scopes.
 * 401/403 become TokenRejectedError so callers can restart login.
 */
export async function getTokenOwner(settings: HubSettings, accessToken: string): Promise<HubUser> {
  const what = 'GET user';
  const response = await hubFetch(settings, apiEndpoint(settings, 'user'), {
    method: 'GET',
    headers: { Authorization: `token ${accessToken}`, Accept: 'application/json' },
  });
  if (response.status === 401 || response.status === 403) {
    await discard(response);
    throw new TokenRejectedError(response.status);
  }
  if (!response.ok) throw await unexpectedStatus(response, what);
  const reply = await readJson(response, what);
  validateUserReply(reply);
  const user: HubUser = {
    name: reply.name,
    groups: reply.groups ?? [],
    scopes: reply.scopes ?? [],
    ...(typeof reply.kind === 'string' ? { kind: reply.kind } : {}),
    ...(typeof reply.admin === 'boolean' ? { admin: reply.admin } : {}),
  };
  return user;
}
