import assert from 'node:assert/strict';
import { parseLaunchDocument } from '../src/config';
import { ConfigError } from '../src/startup-errors';
import { launchEnv, TOKEN } from './helpers/launch-env';

function parse(doc: unknown): ReturnType<typeof parseLaunchDocument> {
  return parseLaunchDocument(JSON.stringify(doc));
}

function rejects(doc: unknown, key: string): void {
  assert.throws(
    () => (typeof doc === 'string' ? parseLaunchDocument(doc) : parse(doc)),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError, String(err));
      assert.equal(err.key, key);
      assert.equal(err.code, 'CONFIG');
      assert.ok(!err.message.includes(TOKEN), 'never echoes the token');
      return true;
    },
  );
}

describe('parseLaunchDocument', () => {
  it('reads a full document', () => {
    const config = parse({ env: launchEnv(), idleTimeoutSeconds: 600, keepaliveSeconds: 30, hubVersion: '3.0.0' });
    assert.equal(config.apiToken, TOKEN);
    assert.equal(config.prefix, '/user/alice/');
    assert.equal(config.callbackPath, '/user/alice/oauth_callback');
    assert.equal(config.oauthCallbackUrl, '/user/alice/oauth_callback');
    assert.deepEqual(config.accessScopes, ['access:servers!server=alice/', 'access:servers!user=alice']);
    assert.equal(config.owner, 'alice');
    assert.equal(config.serverName, '');
    assert.equal(config.baseUrl, '/');
    assert.equal(config.hubHost, '');
    assert.equal(config.idleTimeoutSeconds, 600);
    assert.equal(config.keepaliveSeconds, 30);
    assert.equal(config.activityIntervalSeconds, 60);
    assert.equal(config.hubVersion, '3.0.0');
  });

  it('applies defaults for optional settings', () => {
    const config = parse({
      env: launchEnv({ JUPYTERHUB_ACTIVITY_URL: undefined, JUPYTERHUB_BASE_URL: undefined, JUPYTERHUB_SERVER_NAME: undefined }),
    });
    assert.equal(config.idleTimeoutSeconds, 600);
    assert.equal(config.keepaliveSeconds, 30);
    assert.equal(config.activityUrl, undefined);
    assert.equal(config.baseUrl, '/');
    assert.equal(config.serverName, '');
    assert.equal(config.hubVersion, undefined);
  });

  it('falls back to JUPYTERHUB_OAUTH_SCOPES', () => {
    const config = parse({
      env: launchEnv({ JUPYTERHUB_OAUTH_ACCESS_SCOPES: undefined, JUPYTERHUB_OAUTH_SCOPES: '["access:servers!user=alice"]' }),
    });
    assert.deepEqual(config.accessScopes, ['access:servers!user=alice']);
  });

  it('takes an absolute callback URL and a hub host (subdomain set-ups)', () => {
    const config = parse({
      env: launchEnv({
        JUPYTERHUB_OAUTH_CALLBACK_URL: 'https://alice.hub.example/user/alice/oauth_callback',
        JUPYTERHUB_HOST: 'https://hub.example/',
      }),
    });
    assert.equal(config.callbackPath, '/user/alice/oauth_callback');
    assert.equal(config.hubHost, 'https://hub.example');
    assert.equal(config.baseUrl, '/');
  });

  it('names the missing or invalid key', () => {
    rejects('{"env": ', 'stdin');
    rejects([], 'stdin');
    rejects({}, 'env');
    rejects({ env: 'x' }, 'env');
    rejects({ env: launchEnv(), idleTimeoutSecs: 5 }, 'idleTimeoutSecs');
    rejects({ env: { ...launchEnv(), JUPYTERHUB_DEBUG: 1 } }, 'env.JUPYTERHUB_DEBUG');
    for (const key of [
      'JUPYTERHUB_API_TOKEN',
      'JUPYTERHUB_CLIENT_ID',
      'JUPYTERHUB_API_URL',
      'JUPYTERHUB_SERVICE_PREFIX',
      'JUPYTERHUB_OAUTH_CALLBACK_URL',
      'JUPYTERHUB_USER',
    ]) {
      rejects({ env: launchEnv({ [key]: undefined }) }, `env.${key}`);
      rejects({ env: launchEnv({ [key]: '' }) }, `env.${key}`);
    }
    rejects(
      { env: launchEnv({ JUPYTERHUB_OAUTH_ACCESS_SCOPES: undefined, JUPYTERHUB_OAUTH_SCOPES: undefined }) },
      'env.JUPYTERHUB_OAUTH_ACCESS_SCOPES',
    );
    rejects({ env: launchEnv({ JUPYTERHUB_OAUTH_ACCESS_SCOPES: 'access:servers' }) }, 'env.JUPYTERHUB_OAUTH_ACCESS_SCOPES');
    rejects({ env: launchEnv({ JUPYTERHUB_OAUTH_ACCESS_SCOPES: '[1]' }) }, 'env.JUPYTERHUB_OAUTH_ACCESS_SCOPES');
    rejects({ env: launchEnv({ JUPYTERHUB_API_URL: '/hub/api' }) }, 'env.JUPYTERHUB_API_URL');
    rejects({ env: launchEnv({ JUPYTERHUB_API_URL: 'file:///etc/passwd' }) }, 'env.JUPYTERHUB_API_URL');
    rejects({ env: launchEnv({ JUPYTERHUB_ACTIVITY_URL: 'nope' }) }, 'env.JUPYTERHUB_ACTIVITY_URL');
    rejects({ env: launchEnv({ JUPYTERHUB_SERVICE_PREFIX: '/user/alice' }) }, 'env.JUPYTERHUB_SERVICE_PREFIX');
    rejects({ env: launchEnv({ JUPYTERHUB_SERVICE_PREFIX: '//evil/' }) }, 'env.JUPYTERHUB_SERVICE_PREFIX');
    rejects({ env: launchEnv({ JUPYTERHUB_OAUTH_CALLBACK_URL: '/user/bob/oauth_callback' }) }, 'env.JUPYTERHUB_OAUTH_CALLBACK_URL');
    rejects({ env: launchEnv({ JUPYTERHUB_API_TOKEN: 'has space in it' }) }, 'env.JUPYTERHUB_API_TOKEN');
    rejects({ env: launchEnv({ JUPYTERHUB_HOST: 'not a url' }) }, 'env.JUPYTERHUB_HOST');
    rejects({ env: launchEnv(), idleTimeoutSeconds: -1 }, 'idleTimeoutSeconds');
    rejects({ env: launchEnv(), idleTimeoutSeconds: '600' }, 'idleTimeoutSeconds');
    rejects({ env: launchEnv(), keepaliveSeconds: 0 }, 'keepaliveSeconds');
    rejects({ env: launchEnv(), activityIntervalSeconds: 1e9 }, 'activityIntervalSeconds');
    rejects({ env: launchEnv(), hubVersion: 'x\r\nSet-Cookie: a=b' }, 'hubVersion');
  });

  it('does not quote the document in a JSON syntax error', () => {
    rejects(`{"env": {"JUPYTERHUB_API_TOKEN": "${TOKEN}" oops}`, 'stdin');
  });

  it('allows idle shutdown to be disabled with 0', () => {
    assert.equal(parse({ env: launchEnv(), idleTimeoutSeconds: 0 }).idleTimeoutSeconds, 0);
  });
  it('reads the authorisation keys, all optional', () => {
    assert.equal(parse({ env: launchEnv() }).authz, undefined);
    const config = parse({
      env: launchEnv(),
      grantKeyUrl: 'http://127.0.0.1:8770/services/isobar/api/grant-key',
      rolesUrl: 'http://127.0.0.1:8770/services/isobar/api/roles',
      auditUrl: 'https://hub.example.org/services/isobar/api/audit',
      authzSiteFile: '/etc/isobar/authz.yaml',
      ownersExempt: true,
    });
    assert.deepEqual(config.authz, {
      grantKeyUrl: 'http://127.0.0.1:8770/services/isobar/api/grant-key',
      rolesUrl: 'http://127.0.0.1:8770/services/isobar/api/roles',
      auditUrl: 'https://hub.example.org/services/isobar/api/audit',
      siteFile: '/etc/isobar/authz.yaml',
      ownersExempt: true,
    });
    assert.equal(parse({ env: launchEnv(), ownersExempt: false }).authz?.grantKeyUrl, undefined);
    rejects({ env: launchEnv(), grantKeyUrl: 'file:///etc/passwd' }, 'grantKeyUrl');
    rejects({ env: launchEnv(), rolesUrl: 'not a url' }, 'rolesUrl');
    rejects({ env: launchEnv(), auditUrl: 42 }, 'auditUrl');
    rejects({ env: launchEnv(), authzSiteFile: 'relative/authz.yaml' }, 'authzSiteFile');
    rejects({ env: launchEnv(), ownersExempt: 'yes' }, 'ownersExempt');
  });
});
