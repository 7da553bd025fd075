import assert from 'node:assert/strict';
import { BadRequest, parseHandleRequest, parseStartRequest } from '../src/daemon/requests';

describe('daemon request validation', () => {
  const env = { JUPYTERHUB_API_TOKEN: 'x', JUPYTERHUB_USER: 'alice' };

  it('accepts a well-formed start request', () => {
    assert.deepEqual(parseStartRequest({ user: 'alice', server: '', env }), { user: 'alice', server: '', env });
  });

  const badStarts: Array<[string, unknown, RegExp]> = [
    ['a non-object', [], /request body must be a JSON object/],
    ['no user', { env }, /"user"/],
    ['a user with a slash', { user: '../root', env }, /"user"/],
    ['a user with a space', { user: 'a b', env }, /"user"/],
    ['no env', { user: 'alice' }, /"env" must be a JSON object/],
    ['a non-string env value', { user: 'alice', env: { JUPYTERHUB_USER: 1 } }, /env.JUPYTERHUB_USER" must be a string/],
    ['a bad env name', { user: 'alice', env: { 'A-B': 'x' } }, /not an environment variable name/],
    ['a bad server name', { user: 'alice', server: 'x/y', env }, /"server"/],
  ];
  for (const [what, body, message] of badStarts) {
    it(`refuses ${what}`, () => {
      assert.throws(
        () => parseStartRequest(body),
        (err: unknown) => err instanceof BadRequest && message.test(err.message),
      );
    });
  }

  it('checks every field of a server handle', () => {
    const state = { host: 'host-a', ip: '127.0.0.2', port: 4000, pid: 42, startTime: 99 };
    assert.deepEqual(parseHandleRequest({ user: 'bob', state }).handle, state);
    assert.throws(() => parseHandleRequest({ user: 'bob', state: { ...state, pid: -1 } }), /state.pid" must be a positive integer/);
    assert.throws(() => parseHandleRequest({ user: 'bob', state: { ...state, port: '80' } }), /state.port/);
    assert.throws(() => parseHandleRequest({ user: 'bob' }), /"state" must be a JSON object/);
  });
});
