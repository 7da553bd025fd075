/**
 * The hub's own share of an elevation: its authenticator checking the
 * password through `POST /hub/api/users/{name}/tokens` (the call the
 * hub-service makes, PAM behind it here), timed on its own; and the hub's
 * login form, the peer a person already knows.
 */
import { PUBLIC_URL, password } from '../../lib/bed';
import { HubSession } from '../../lib/http-session';

const HUB_API = process.env.ISOBAR_HUB_API ?? 'http://127.0.0.1:8081/hub/api';

/** Milliseconds the hub took to check `person`'s password and issue the probe token (deleted again at once). */
export async function timeTokenCheck(person: string): Promise<number> {
  const tokens = `${HUB_API}/users/${encodeURIComponent(person)}/tokens`;
  const started = performance.now();
  const res = await fetch(tokens, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ auth: { username: person, password: password(person) }, expires_in: 60, note: 'isobar benchmark' }),
  });
  const body = (await res.json()) as { id?: string; token?: string };
  const elapsed = performance.now() - started;
  if (!res.ok || body.id === undefined || body.token === undefined) throw new Error(`token check for ${person}: HTTP ${res.status}`);
  const gone = await fetch(`${tokens}/${encodeURIComponent(body.id)}`, {
    method: 'DELETE',
    headers: { authorization: `token ${body.token}` },
  });
  await gone.arrayBuffer();
  return elapsed;
}

/** Milliseconds from posting the hub's login form to its redirect. */
export async function timeHubLogin(person: string): Promise<number> {
  const session = new HubSession(PUBLIC_URL);
  await session.get('/hub/login');
  const started = performance.now();
  await session.login(person, password(person));
  return performance.now() - started;
}
