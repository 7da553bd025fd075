import { HubInvalidReplyError, type HubSettings } from '@isobar/hub-client';
import { apiEndpoint, discard, hubRequest, readJson, unexpectedStatus } from './hub-request';

/** The outcome of asking the hub's authenticator; `tokenDeleted` is false if the probe token outlives the check. */
export type PasswordVerdict = { readonly ok: true; readonly tokenDeleted: boolean } | { readonly ok: false };

/** Short: the token exists only to prove the password, and is deleted at once anyway. */
export const PROBE_TOKEN_SECONDS = 60;
export const PROBE_TOKEN_NOTE = 'isobar elevation check';

interface ProbeToken {
  readonly id: string;
  readonly token: string;
  readonly user: string;
}

function probeTokenOf(reply: unknown): ProbeToken {
  const what = 'token reply';
  if (typeof reply !== 'object' || reply === null) throw new HubInvalidReplyError(`${what}: not a JSON object`);
  const { id, token, user } = reply as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') throw new HubInvalidReplyError(`${what}: no id`);
  if (typeof token !== 'string' || token === '') throw new HubInvalidReplyError(`${what}: no token`);
  return { id, token, user: typeof user === 'string' ? user : '' };
}

/**
 * Checks `password` with the hub's own authenticator, the one way an
 * unmodified hub offers: `POST /users/{name}/tokens` with the credentials in
 * the body and no other credentials at all (with any, the hub would
 * authenticate the request by those instead). The token that proves it is
 * deleted at once with the service's own token (needs the `tokens` scope on
 * users); should the hub refuse that, the token deletes itself (a user's
 * token may manage that user's tokens).
 */
export async function checkPassword(settings: HubSettings, person: string, password: string): Promise<PasswordVerdict> {
  const tokens = apiEndpoint(settings, `users/${encodeURIComponent(person)}/tokens`);
  const response = await hubRequest(
    settings,
    tokens,
    'POST',
    { 'Content-Type': 'application/json', Accept: 'application/json' },
    JSON.stringify({ auth: { username: person, password }, expires_in: PROBE_TOKEN_SECONDS, note: PROBE_TOKEN_NOTE }),
  );
  // The hub turns every authentication failure into 403.
  if (response.status === 401 || response.status === 403) {
    await discard(response);
    return { ok: false };
  }
  if (response.status !== 200 && response.status !== 201) throw await unexpectedStatus(response, 'POST user token');
  const probe = probeTokenOf(await readJson(response, 'POST user token'));
  const tokenDeleted = await deleteProbe(settings, tokens, probe);
  // An authenticator that maps names could have let someone else in under this name.
  if (probe.user !== '' && probe.user !== person) return { ok: false };
  return { ok: true, tokenDeleted };
}

async function deleteProbe(settings: HubSettings, tokens: string, probe: ProbeToken): Promise<boolean> {
  const url = `${tokens}/${encodeURIComponent(probe.id)}`;
  for (const credential of [settings.token, probe.token]) {
    try {
      const response = await hubRequest(settings, url, 'DELETE', { Authorization: `token ${credential}` });
      await discard(response);
      // 404: already gone (expired, or the first attempt went through after all).
      if (response.ok || response.status === 404) return true;
    } catch {
      // Unreachable: try the other credential, then let the token's short life end it.
    }
  }
  return false;
}
