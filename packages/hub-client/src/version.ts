import { hubFetch, readJson, unexpectedStatus } from './request';
import { apiEndpoint, type HubSettings } from './settings';
import { validateVersionReply } from './validate';

/** The hub's version (`GET {api}/`, unauthenticated by design, so no token is sent). */
export async function getHubVersion(settings: HubSettings): Promise<string> {
  const what = 'GET hub version';
  const response = await hubFetch(settings, apiEndpoint(settings, ''), {
    method: 'GET',
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) throw await unexpectedStatus(response, what);
  const reply = await readJson(response, what);
  validateVersionReply(reply);
  return reply.version;
}
