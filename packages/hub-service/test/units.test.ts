import assert from 'node:assert/strict';
import { AttemptLimiter } from '../src/attempt-limiter';
import { parseSiteConfig } from '@isobar/core';
import { elevationSettingsOf, DEFAULT_ELEVATION_SETTINGS } from '../src/elevation-settings';
import { serviceConfig, takeServiceEnvironment } from '../src/environment';
import { safeReturnPath, safeServicePath } from '../src/next-url';

describe('AttemptLimiter', () => {
  it('locks out on the fifth failure within the window, for the lockout time, and forgets old failures', () => {
    let now = 0;
    const limiter = new AttemptLimiter({ maxFailures: 5, windowMs: 300_000, lockoutMs: 900_000, now: () => now });
    for (let i = 0; i < 4; i++) assert.equal(limiter.fail('k').lockedOut, false);
    now = 300_001; // the first four fall out of the window
    assert.equal(limiter.fail('k').lockedOut, false);
    for (let i = 0; i < 3; i++) limiter.fail('k');
    assert.deepEqual(limiter.fail('k'), { lockedOut: true, untilMs: 1_200_001 });
    now = 1_200_000;
    assert.equal(limiter.lockedUntil('k'), 1_200_001);
    limiter.succeed('k'); // a success does not lift a lockout in force
    assert.equal(limiter.lockedUntil('k'), 1_200_001);
    now = 1_200_001;
    assert.equal(limiter.lockedUntil('k'), undefined);
  });

  it('keeps memory bounded by forgetting the least recently failed key', () => {
    const limiter = new AttemptLimiter({ maxFailures: 2, windowMs: 60_000, lockoutMs: 60_000, maxKeys: 3 });
    for (const key of ['a', 'b', 'c', 'd']) limiter.fail(key);
    // 'a' was forgotten, so one more failure is its first again; 'd' is remembered.
    assert.equal(limiter.fail('a').lockedOut, false);
    assert.equal(limiter.fail('d').lockedOut, true);
  });
});

describe('return addresses', () => {
  const origins = ['https://hub.example'];
  it('keeps UI server pages of our origin, normalised', () => {
    assert.equal(safeReturnPath('/user/alice/', '/user/', origins), '/user/alice/');
    assert.equal(safeReturnPath('https://hub.example/user/a/b/../c?x#y', '/user/', origins), '/user/a/c?x#y');
    assert.equal(safeReturnPath('/jhub/user/a/', '/jhub/user/', origins), '/jhub/user/a/');
  });
  it('refuses everything else', () => {
    for (const bad of [
      'https://hub.example.evil/user/a/',
      'https://u:p@hub.example/user/a/',
      '/user/',
      '/usera/',
      '',
      42,
      undefined,
      '/user/a\n',
    ]) {
      assert.equal(safeReturnPath(bad, '/user/', origins), undefined, String(bad));
    }
  });
  it('after sign-in, only paths of the service and never the callback', () => {
    const p = '/services/isobar/';
    assert.equal(safeServicePath('/services/isobar/elevate?level=write', p, `${p}oauth_callback`), '/services/isobar/elevate?level=write');
    assert.equal(safeServicePath('/services/isobar/oauth_callback?code=x', p, `${p}oauth_callback`), p);
    assert.equal(safeServicePath('/hub/', p, `${p}oauth_callback`), p);
  });
});

describe('site settings (hubService section)', () => {
  it('defaults as the site config does, reads durations per level', () => {
    const site = parseSiteConfig('hosts:\n  - {name: a, address: 127.0.0.2}\n', 'site.yaml');
    assert.deepEqual(elevationSettingsOf(site.hubService), DEFAULT_ELEVATION_SETTINGS);
    const custom = parseSiteConfig(
      'hosts:\n  - {name: a, address: 127.0.0.2}\nhubService:\n  elevation: {execute: 5}\n  grantLifetime: 20\n' +
        '  failedAttempts: {max: 3, window: 60, lockout: 120}\n',
      'site.yaml',
    );
    assert.deepEqual(elevationSettingsOf(custom.hubService), {
      duration: { execute: 5, write: 900 },
      grantLifetime: 20,
      maxFailures: 3,
      failureWindow: 60,
      lockout: 120,
    });
  });
});

describe('the hub-provided environment', () => {
  it('reads it, takes the token out of it, and derives the config', () => {
    const env: NodeJS.ProcessEnv = {
      JUPYTERHUB_API_TOKEN: 'secret-token',
      JUPYTERHUB_API_URL: 'http://127.0.0.1:8081/hub/api',
      JUPYTERHUB_SERVICE_URL: 'http://127.0.0.1:10101',
      JUPYTERHUB_SERVICE_PREFIX: '/services/isobar/',
      JUPYTERHUB_CLIENT_ID: 'service-isobar',
      JUPYTERHUB_OAUTH_CALLBACK_URL: '/services/isobar/oauth_callback',
      JUPYTERHUB_BASE_URL: '/',
    };
    const e = takeServiceEnvironment(env);
    assert.equal(env['JUPYTERHUB_API_TOKEN'], undefined);
    assert.equal(e.apiToken, 'secret-token');
    assert.equal(e.bindPort, 10101);
    assert.deepEqual(e.accessScopes, ['access:services!service=isobar', 'access:services']);
    const config = serviceConfig(e, ['https://hub.example/'], DEFAULT_ELEVATION_SETTINGS);
    assert.equal(config.authorizeUrl, '/hub/api/oauth2/authorize');
    assert.equal(config.callbackPath, '/services/isobar/oauth_callback');
    assert.deepEqual(config.allowedOrigins, ['https://hub.example']);
  });
  it('refuses to start outside the hub', () => {
    assert.throws(() => takeServiceEnvironment({}), /JUPYTERHUB_API_TOKEN is not set/);
  });
});
