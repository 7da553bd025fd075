/**
 * The launch document a UI server reads on stdin, shaped as the spawner
 * daemon writes it (JupyterHub's `get_env()` plus the site's settings).
 * The token is made up: the hub answers it with 401/403, which is all a
 * start-up measurement needs, and `hubVersion` is given so the server does
 * not ask the hub for it.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export const HUB_API_URL = 'http://127.0.0.1:8081/hub/api';
const CYLC_COMMAND = '/opt/isobar-cylc/bin/cylc';

export function installedHubVersion(): string {
  return execFileSync('/usr/bin/jupyterhub', ['--version'], { encoding: 'utf8' }).trim();
}

export function launchDocument(owner: string, hubVersion: string): string {
  const prefix = `/user/${owner}/`;
  return JSON.stringify({
    env: {
      JUPYTERHUB_API_TOKEN: `bench-not-a-real-token-${randomBytes(16).toString('hex')}`,
      JUPYTERHUB_CLIENT_ID: `jupyterhub-user-${owner}`,
      JUPYTERHUB_API_URL: HUB_API_URL,
      JUPYTERHUB_ACTIVITY_URL: `${HUB_API_URL}/users/${owner}/activity`,
      JUPYTERHUB_BASE_URL: '/',
      JUPYTERHUB_SERVICE_PREFIX: prefix,
      JUPYTERHUB_OAUTH_CALLBACK_URL: `${prefix}oauth_callback`,
      JUPYTERHUB_OAUTH_ACCESS_SCOPES: JSON.stringify([`access:servers!server=${owner}/`, `access:servers!user=${owner}`]),
      JUPYTERHUB_USER: owner,
      JUPYTERHUB_SERVER_NAME: '',
      JUPYTERHUB_HOST: '',
    },
    // Long enough that no benchmark start ends by itself; each is killed.
    idleTimeoutSeconds: 600,
    keepaliveSeconds: 30,
    cylcCommand: CYLC_COMMAND,
    hubVersion,
  });
}
