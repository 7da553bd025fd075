import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  exchangeOAuthCode,
  getHubVersion,
  getTokenOwner,
  HubHttpError,
  HubInvalidReplyError,
  HubUnreachableError,
  OAuthCodeRejectedError,
  reportActivity,
  TokenRejectedError,
  type HubSettings,
} from '../src';
import { fakeFetch, json } from './fakefetch';

const api = 'http://hub.invalid/hub/api';

function settings(f: typeof fetch): HubSettings {
  return { apiUrl: api, token: 'server-token', fetch: f };
}

describe('exchangeOAuthCode', () => {
  const exchange = {
    clientId: 'jupyterhub-user-alice',
    clientSecret: 'server-token',
    code: 'c0de',
    redirectUri: '/user/alice/oauth_callback',
  };

  it('posts the form the hub expects and returns the access token', async () => {
    const { fetch, calls } = fakeFetch(json(200, { access_token: 'at', token_type: 'Bearer' }));
    assert.equal(await exchangeOAuthCode(settings(fetch), exchange), 'at');
    const call = calls[0];
    assert.ok(call);
    assert.equal(call.url, `${api}/oauth2/token`);
    assert.equal(call.method, 'POST');
    assert.equal(call.headers.get('content-type'), 'application/x-www-form-urlencoded');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(call.body)), {
      client_id: 'jupyterhub-user-alice',
      client_secret: 'server-token',
      grant_type: 'authorization_code',
      code: 'c0de',
      redirect_uri: '/user/alice/oauth_callback',
    });
  });

  it('tolerates a trailing slash on the API URL', async () => {
    const { fetch, calls } = fakeFetch(json(200, { access_token: 'at' }));
    await exchangeOAuthCode({ ...settings(fetch), apiUrl: `${api}/` }, exchange);
    assert.equal(calls[0]?.url, `${api}/oauth2/token`);
  });

  it('reports a refused code with its own error class', async () => {
    const { fetch } = fakeFetch(json(400, { error: 'invalid_grant' }));
    await assert.rejects(exchangeOAuthCode(settings(fetch), exchange), (err: unknown) => {
      assert.ok(err instanceof OAuthCodeRejectedError);
      assert.equal(err.code, 'OAUTH_CODE_REJECTED');
      assert.equal(err.status, 400);
      return true;
    });
  });

  it('rejects a reply without access_token', async () => {
    const { fetch } = fakeFetch(json(200, { token_type: 'Bearer' }));
    await assert.rejects(exchangeOAuthCode(settings(fetch), exchange), HubInvalidReplyError);
  });

  it('reports a hub error status', async () => {
    const { fetch } = fakeFetch(json(500, { message: 'boom' }));
    await assert.rejects(exchangeOAuthCode(settings(fetch), exchange), (err: unknown) => {
      assert.ok(err instanceof HubHttpError);
      assert.equal(err.status, 500);
      assert.equal(err.code, 'HUB_HTTP_ERROR');
      return true;
    });
  });
});

describe('getTokenOwner', () => {
  it('sends the token in the Authorization header and returns the user', async () => {
    const { fetch, calls } = fakeFetch(
      json(200, { kind: 'user', name: 'jacintar', groups: ['ops'], scopes: ['access:servers!user=alice'], session_id: 'x' }),
    );
    const user = await getTokenOwner(settings(fetch), 'visitor-token');
    assert.deepEqual(user, { name: 'jacintar', kind: 'user', groups: ['ops'], scopes: ['access:servers!user=alice'] });
    assert.equal(calls[0]?.url, `${api}/user`);
    assert.equal(calls[0]?.headers.get('authorization'), 'token visitor-token');
  });

  it('fills in missing groups and scopes, and keeps admin when sent', async () => {
    const { fetch } = fakeFetch(json(200, { name: 'old', admin: true }));
    assert.deepEqual(await getTokenOwner(settings(fetch), 't'), { name: 'old', groups: [], scopes: [], admin: true });
  });

  for (const status of [401, 403]) {
    it(`turns ${status} into TokenRejectedError`, async () => {
      const { fetch } = fakeFetch(json(status, { status, message: 'nope' }));
      await assert.rejects(getTokenOwner(settings(fetch), 't'), (err: unknown) => {
        assert.ok(err instanceof TokenRejectedError);
        assert.equal(err.code, 'TOKEN_REJECTED');
        assert.equal(err.status, status);
        return true;
      });
    });
  }

  it('rejects malformed users', async () => {
    for (const body of [[], { name: '' }, { name: 'a', groups: 'ops' }, { name: 'a', scopes: [1] }, { name: 'a', admin: 'yes' }]) {
      const { fetch } = fakeFetch(json(200, body));
      await assert.rejects(getTokenOwner(settings(fetch), 't'), HubInvalidReplyError, JSON.stringify(body));
    }
  });

  it('rejects a non-JSON reply', async () => {
    const { fetch } = fakeFetch(new Response('<html>', { status: 200 }));
    await assert.rejects(getTokenOwner(settings(fetch), 't'), HubInvalidReplyError);
  });

  it('turns network failures into HubUnreachableError without leaking the token', async () => {
    const { fetch } = fakeFetch(new TypeError('fetch failed'));
    await assert.rejects(getTokenOwner(settings(fetch), 'secret-visitor-token'), (err: unknown) => {
      assert.ok(err instanceof HubUnreachableError);
      assert.equal(err.code, 'HUB_UNREACHABLE');
      assert.ok(!err.message.includes('secret-visitor-token'));
      return true;
    });
  });
});

describe('reportActivity', () => {
  it('posts last_activity for the server with the server token', async () => {
    const { fetch, calls } = fakeFetch(new Response(null, { status: 204 }));
    const when = new Date('2025-01-02T03:04:05.678Z');
    await reportActivity(settings(fetch), `${api}/users/alice/activity`, when);
    const call = calls[0];
    assert.ok(call);
    assert.equal(call.url, `${api}/users/alice/activity`);
    assert.equal(call.method, 'POST');
    assert.equal(call.headers.get('authorization'), 'token server-token');
    assert.equal(call.headers.get('content-type'), 'application/json');
    assert.deepEqual(JSON.parse(call.body), {
      servers: { '': { last_activity: '2025-01-02T03:04:05.678Z' } },
      last_activity: '2025-01-02T03:04:05.678Z',
    });
  });

  it('names a named server', async () => {
    const { fetch, calls } = fakeFetch(new Response(null, { status: 204 }));
    await reportActivity(settings(fetch), `${api}/users/alice/activity`, new Date(0), 'big');
    assert.deepEqual(Object.keys((JSON.parse(calls[0]?.body ?? '{}') as { servers: object }).servers), ['big']);
  });

  it('reports a refusal', async () => {
    const { fetch } = fakeFetch(json(403, { message: 'no' }));
    await assert.rejects(reportActivity(settings(fetch), `${api}/users/alice/activity`, new Date()), HubHttpError);
  });
});

describe('getHubVersion', () => {
  it('reads the version without sending a token', async () => {
    const { fetch, calls } = fakeFetch(json(200, { version: '3.0.0' }));
    assert.equal(await getHubVersion(settings(fetch)), '3.0.0');
    assert.equal(calls[0]?.url, `${api}/`);
    assert.equal(calls[0]?.headers.get('authorization'), null);
  });

  it('rejects a reply without version', async () => {
    const { fetch } = fakeFetch(json(200, {}));
    await assert.rejects(getHubVersion(settings(fetch)), HubInvalidReplyError);
  });
});

describe('against a real HTTP server', () => {
  let server: Server;
  let apiUrl: string;

  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/hub/api/') {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"version":"5.2.1"}');
      } else if (req.url === '/hub/api/user') {
        // Never answers: exercises the timeout.
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub/api`;
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('uses the global fetch by default', async () => {
    assert.equal(await getHubVersion({ apiUrl, token: 't' }), '5.2.1');
  });

  it('gives up after timeoutMs', async () => {
    const started = Date.now();
    await assert.rejects(getTokenOwner({ apiUrl, token: 't', timeoutMs: 200 }, 'x'), HubUnreachableError);
    assert.ok(Date.now() - started < 2000);
  });

  it('reports a closed port as unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(getHubVersion({ apiUrl: `http://127.0.0.1:${port}/hub/api`, token: 't' }), HubUnreachableError);
  });
});
