/**
 * Request-to-ready through a real hub: POST the user's server, then wait
 * until its URL answers through the proxy (what a person waits for), then
 * stop it again. The same procedure for Isobar's hub and the peer hub.
 */
import { sleep } from '../lib/bed';

export interface HubTarget {
  baseUrl: string;
  token: string;
  user: string;
}

async function api(t: HubTarget, method: string, path: string): Promise<Response> {
  return fetch(`${t.baseUrl}/hub/api${path}`, { method, headers: { authorization: `token ${t.token}` } });
}

async function serverOf(t: HubTarget): Promise<{ ready: boolean; pending: string | null } | undefined> {
  const res = await api(t, 'GET', `/users/${t.user}`);
  const body = (await res.json()) as { servers?: Record<string, { ready: boolean; pending: string | null }> };
  return body.servers?.[''];
}

async function waitStopped(t: HubTarget): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await serverOf(t)) === undefined) return;
    await sleep(50);
  }
  throw new Error(`${t.user}'s server did not stop`);
}

/** One spawn: milliseconds from the start request to the server answering through the proxy. */
export async function spawnOnce(t: HubTarget): Promise<number> {
  const started = performance.now();
  const res = await api(t, 'POST', `/users/${t.user}/server`);
  if (res.status !== 201 && res.status !== 202) throw new Error(`start ${t.user}: HTTP ${res.status} ${await res.text()}`);
  for (;;) {
    const page = await fetch(`${t.baseUrl}/user/${t.user}/`, { redirect: 'manual' });
    await page.arrayBuffer();
    // The hub redirects to itself while the route is missing; the server's own answer (a redirect to OAuth) means ready.
    const location = page.headers.get('location') ?? '';
    if (page.status < 500 && !location.startsWith(`/hub/user/${t.user}`) && !location.includes('/hub/spawn')) break;
    if (performance.now() - started > 60_000) throw new Error(`${t.user}'s server not ready after 60 s`);
    await sleep(10);
  }
  return performance.now() - started;
}

export async function stopServer(t: HubTarget): Promise<void> {
  await api(t, 'DELETE', `/users/${t.user}/server`);
  await waitStopped(t);
}

export async function spawnSeries(t: HubTarget, count: number): Promise<number[]> {
  if (await serverOf(t)) await stopServer(t);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    times.push(await spawnOnce(t));
    await stopServer(t);
  }
  return times;
}
