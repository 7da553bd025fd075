import assert from 'node:assert/strict';
import { matchLoginState, newLoginState } from '../src/login-state';

const STATE_COOKIE_PREFIX = 'isobar-oauth-state-';

describe('login state', () => {
  it('round-trips the next URL through the cookie', () => {
    const login = newLoginState('/user/alice/?x=1', STATE_COOKIE_PREFIX);
    assert.match(login.state, /^[A-Za-z0-9_-]{32}$/);
    assert.ok(login.cookieName.startsWith(STATE_COOKIE_PREFIX));
    const cookies = new Map([[login.cookieName, [login.cookieValue]]]);
    assert.equal(matchLoginState(cookies, login.state, STATE_COOKIE_PREFIX), '/user/alice/?x=1');
  });

  it('keeps logins of several tabs apart', () => {
    const a = newLoginState('/user/alice/a', STATE_COOKIE_PREFIX);
    const b = newLoginState('/user/alice/b', STATE_COOKIE_PREFIX);
    assert.notEqual(a.cookieName, b.cookieName);
    const cookies = new Map([
      [a.cookieName, [a.cookieValue]],
      [b.cookieName, [b.cookieValue]],
    ]);
    assert.equal(matchLoginState(cookies, a.state, STATE_COOKIE_PREFIX), '/user/alice/a');
    assert.equal(matchLoginState(cookies, b.state, STATE_COOKIE_PREFIX), '/user/alice/b');
  });

  it('refuses a state without its cookie, or with a different one', () => {
    const login = newLoginState('/user/alice/', STATE_COOKIE_PREFIX);
    const other = newLoginState('/user/alice/', STATE_COOKIE_PREFIX);
    assert.equal(matchLoginState(new Map(), login.state, STATE_COOKIE_PREFIX), undefined);
    const forged = `${login.state.slice(0, 12)}${other.state.slice(12)}`;
    assert.equal(matchLoginState(new Map([[login.cookieName, [login.cookieValue]]]), forged, STATE_COOKIE_PREFIX), undefined);
    assert.equal(matchLoginState(new Map([[login.cookieName, [login.cookieValue]]]), 'short', STATE_COOKIE_PREFIX), undefined);
  });
});
