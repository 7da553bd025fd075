import { discard, hubFetch, unexpectedStatus } from './request';
import type { HubSettings } from './settings';

/**
 * Tell the hub when the server was last used (`POST JUPYTERHUB_ACTIVITY_URL`
 * with the server's own token). The idle culler and the hub's
 * `last_activity` depend on it. `serverName` is JUPYTERHUB_SERVER_NAME
 * (empty for the default server).
 */
export async function reportActivity(settings: HubSettings, activityUrl: string, lastActivity: Date, serverName = ''): Promise<void> {
  const when = lastActivity.toISOString();
  const response = await hubFetch(settings, activityUrl, {
    method: 'POST',
    headers: { Authorization: `token ${settings.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ servers: { [serverName]: { last_activity: when } }, last_activity: when }),
  });
  if (!response.ok) throw await unexpectedStatus(response, 'POST activity');
  await discard(response);
}
