import assert from 'node:assert/strict';
import { parseCookies, serializeCookie } from '../src/cookies';

describe('cookies', () => {
  it('parses a Cookie header, keeping repeated names', () => {
    const cookies = parseCookies('a=1; isobar-session=x; b="q"; isobar-session=y; junk; =z');
    assert.deepEqual(cookies.get('isobar-session'), ['x', 'y']);
    assert.deepEqual(cookies.get('a'), ['1']);
    assert.deepEqual(cookies.get('b'), ['q']);
    assert.equal(cookies.size, 3);
    assert.equal(parseCookies(undefined).size, 0);
  });

  it('serializes with the protective attributes', () => {
    assert.equal(
      serializeCookie('isobar-session', 'abc_-', { path: '/user/alice/', secure: false }),
      'isobar-session=abc_-; Path=/user/alice/; HttpOnly; SameSite=Lax',
    );
    assert.equal(
      serializeCookie('s', '', { path: '/p/', maxAgeSeconds: 0, secure: true }),
      's=; Path=/p/; HttpOnly; SameSite=Lax; Max-Age=0; Secure',
    );
  });

  it('refuses values that could inject attributes', () => {
    assert.throws(() => serializeCookie('s', 'a; Domain=evil', { path: '/', secure: false }));
    assert.throws(() => serializeCookie('s=', 'a', { path: '/', secure: false }));
    assert.throws(() => serializeCookie('s', 'a', { path: '/x; Domain=evil', secure: false }));
  });
});
