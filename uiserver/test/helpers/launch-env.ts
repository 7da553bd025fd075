/** A launch document's env part as JupyterHub would produce it for alice; override keys with undefined to drop them. */
export const TOKEN = 'tok-0123456789abcdef';

export function launchEnv(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    JUPYTERHUB_API_TOKEN: TOKEN,
    JUPYTERHUB_CLIENT_ID: 'jupyterhub-user-alice',
    JUPYTERHUB_API_URL: 'http://127.0.0.1:8081/hub/api',
    JUPYTERHUB_ACTIVITY_URL: 'http://127.0.0.1:8081/hub/api/users/alice/activity',
    JUPYTERHUB_BASE_URL: '/',
    JUPYTERHUB_SERVICE_PREFIX: '/user/alice/',
    JUPYTERHUB_SERVICE_URL: 'http://127.0.0.2:0/user/alice/',
    JUPYTERHUB_OAUTH_CALLBACK_URL: '/user/alice/oauth_callback',
    JUPYTERHUB_OAUTH_ACCESS_SCOPES: '["access:servers!server=alice/", "access:servers!user=alice"]',
    JUPYTERHUB_OAUTH_SCOPES: '["access:servers!server=alice/", "access:servers!user=alice"]',
    JUPYTERHUB_USER: 'alice',
    JUPYTERHUB_SERVER_NAME: '',
    JUPYTERHUB_HOST: '',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}
