/** The hub's REST API, as a person with a token of their own. */
import { PUBLIC_URL, password } from './bed';
import { jsonReply } from './json-reply';

export async function personalToken(user: string): Promise<string> {
  // After a hub restart the client's pooled keep-alive connection may be one the old proxy closed: retry once.
  const res = await fetchOnce().catch(fetchOnce);
  if (res.status !== 201 && res.status !== 200) throw new Error(`token for ${user}: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string };
  return body.token;

  function fetchOnce(): Promise<Response> {
    return fetch(`${PUBLIC_URL}/hub/api/users/${user}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth: { username: user, password: password(user) }, expires_in: 3600, note: 'isobar e2e' }),
    });
  }
}

export interface HubServerModel {
  ready: boolean;
  pending: string | null;
  url: string;
  state?: unknown;
}

export async function hubApi(token: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${PUBLIC_URL}/hub/api${path}`, {
    ...init,
    headers: { authorization: `token ${token}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
  return jsonReply(res);
}

/** The default server of `user` as the hub sees it, or undefined when stopped. */
export async function hubServer(token: string, user: string): Promise<HubServerModel | undefined> {
  const { status, body } = await hubApi(token, `/users/${user}`);
  if (status !== 200) throw new Error(`GET /users/${user}: HTTP ${status} ${JSON.stringify(body)}`);
  const servers = (body as { servers?: Record<string, HubServerModel> }).servers ?? {};
  return servers[''];
}

/**
 * Stops `user`'s server through the hub and waits until the hub has it
 * stopped: a test then starts from a known state instead of racing a server
 * that is just exiting on its own (idle) before the hub's poll has noticed.
 */
export async function stopServerViaHub(user: string, timeoutMs = 30_000): Promise<void> {
  const token = await personalToken(user);
  const deadline = Date.now() + timeoutMs;
  const { status } = await hubApi(token, `/users/${user}/server`, { method: 'DELETE' });
  if (status !== 202 && status !== 204 && status !== 400) throw new Error(`stop ${user}'s server: HTTP ${status}`);
  while ((await hubServer(token, user)) !== undefined) {
    if (Date.now() > deadline) throw new Error(`${user}'s server still known to the hub after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
