/**
 * A spawner daemon of its own, run as the hub account on another port, for
 * tests that talk to the daemon's API directly (selectors by real metrics,
 * secrets). The hub's own daemon is untouched.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { HUB_ACCOUNT, waitFor } from './bed';

export const PREFIX = process.env.ISOBAR_PREFIX ?? '/opt/isobar';

export interface TestDaemon {
  url: string;
  token: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
  call(path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
}

export async function startDaemon(siteFile: string, port: number): Promise<TestDaemon> {
  const token = randomBytes(32).toString('hex');
  const child = spawn(
    'setpriv',
    [
      '--reuid',
      HUB_ACCOUNT,
      '--regid',
      HUB_ACCOUNT,
      '--init-groups',
      'node',
      `${PREFIX}/spawner-ssh/dist/src/daemon/main.js`,
      'serve',
      '--config',
      siteFile,
    ],
    { env: { PATH: '/usr/bin:/bin', HOME: '/var/lib/isobar', ISOBAR_SPAWNER_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    'the test daemon to answer',
    async () => {
      if (child.exitCode !== null) throw new Error(`daemon exited: ${output}`);
      try {
        // Our own token must be accepted: a daemon left on this port by someone else would answer health too.
        const res = await fetch(`${url}/v1/progress?user=probe&after=0`, { headers: { authorization: `token ${token}` } });
        if (res.status === 401) throw new Error(`another daemon answers on port ${port}`);
        return res.ok ? true : undefined;
      } catch (err) {
        if ((err as Error).message.startsWith('another daemon')) throw err;
        return undefined;
      }
    },
    15_000,
  );
  return {
    url,
    token,
    process: child,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
    async call(path: string, body?: unknown) {
      const res = await fetch(url + path, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
  };
}

/** The environment the hub would give a server of `user`, with a token of our choosing. */
export function serverEnv(user: string, token: string): Record<string, string> {
  return {
    JUPYTERHUB_API_TOKEN: token,
    JUPYTERHUB_CLIENT_ID: `jupyterhub-user-${user}`,
    JUPYTERHUB_API_URL: 'http://127.0.0.1:8081/hub/api',
    JUPYTERHUB_ACTIVITY_URL: `http://127.0.0.1:8081/hub/api/users/${user}/activity`,
    JUPYTERHUB_BASE_URL: '/',
    JUPYTERHUB_SERVICE_PREFIX: `/user/${user}/`,
    JUPYTERHUB_SERVICE_URL: `http://127.0.0.1:0/user/${user}/`,
    JUPYTERHUB_OAUTH_CALLBACK_URL: `/user/${user}/oauth_callback`,
    JUPYTERHUB_OAUTH_ACCESS_SCOPES: JSON.stringify([`access:servers!server=${user}/`, `access:servers!user=${user}`]),
    JUPYTERHUB_USER: user,
    JUPYTERHUB_SERVER_NAME: '',
  };
}
