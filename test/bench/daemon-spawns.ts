/** The spawner daemon alone (SSH connect + launch + port report), and a burst of concurrent spawns. */
import { randomBytes } from 'node:crypto';
import { serverEnv } from '../lib/daemon';
import type { TestDaemon } from '../lib/daemon';

export type Handle = { host: string; ip: string; port: number; pid: number; startTime: number };

export async function startVia(daemon: TestDaemon, user: string, server = ''): Promise<{ ms: number; state: Handle }> {
  const env: Record<string, string> = { ...serverEnv(user, randomBytes(24).toString('hex')), JUPYTERHUB_SERVER_NAME: server };
  if (server) env.JUPYTERHUB_SERVICE_PREFIX = `/user/${user}/${server}/`;
  if (server) env.JUPYTERHUB_OAUTH_CALLBACK_URL = `/user/${user}/${server}/oauth_callback`;
  const started = performance.now();
  const r = await daemon.call('/v1/start', { user, server, env });
  const ms = performance.now() - started;
  if (r.status !== 200) throw new Error(`start ${user}/${server}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return { ms, state: r.body.state as Handle };
}

export async function stopVia(daemon: TestDaemon, user: string, state: Handle, server = ''): Promise<void> {
  const r = await daemon.call('/v1/stop', { user, server, state });
  if (r.status !== 200) throw new Error(`stop ${user}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
}

export async function daemonSeries(daemon: TestDaemon, users: readonly string[], count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const user = users[i % users.length]!;
    const { ms, state } = await startVia(daemon, user);
    times.push(ms);
    await stopVia(daemon, user, state);
  }
  return times;
}

export interface Burst {
  times: number[];
  failures: string[];
  perHost: Map<string, number>;
  wallMs: number;
  started: Array<{ user: string; server: string; state: Handle }>;
}

/** `count` spawns at once, spread over the users as named servers. */
export async function burst(daemon: TestDaemon, users: readonly string[], count: number): Promise<Burst> {
  const result: Burst = { times: [], failures: [], perHost: new Map(), wallMs: 0, started: [] };
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const user = users[i % users.length]!;
      const server = `b${i}`;
      try {
        const { ms, state } = await startVia(daemon, user, server);
        result.times.push(ms);
        result.perHost.set(state.host, (result.perHost.get(state.host) ?? 0) + 1);
        result.started.push({ user, server, state });
      } catch (err) {
        result.failures.push((err as Error).message);
      }
    }),
  );
  result.wallMs = performance.now() - t0;
  return result;
}
