import assert from 'node:assert/strict';
import { matchLoginState, newLoginState, STATE_COOKIE_PREFIX } from '../src/login-state';

describe('login state', () => {
  it('round-trips the next URL through the cookie', () => {
    const login = newLoginState('/user/alice/?x=1');
    assert.match(login.state, /^[A-Za-z0-9_-]{32}$/);
    assert.ok(login.cookieName.startsWith(STATE_COOKIE_PREFIX));
    const cookies = new Map([[login.cookieName, [login.cookieValue]]]);
    assert.equal(matchLoginState(cookies, login.state), '/user/alice/?x=1');
  });

  it('keeps logins of several tabs apart', () => {
    const a = newLoginState('/user/alice/a');
    const b = newLoginState('/user/alice/b');
    assert.notEqual(a.cookieName, b.cookieName);
    const cookies = new Map([
      [a.cookieName, [a.cookieValue]],
      [b.cookieName, [b.cookieValue]],
    ]);
    assert.equal(matchLoginState(cookies, a.state), '/user/alice/a');
    assert.equal(matchLoginState(cookies, b.state), '/user/alice/b');
  });

  it('refuses a state without its cookie, or with a different one', () => {
    const login = newLoginState('/user/alice/');
    const other = newLoginState('/user/alice/');
    assert.equal(matchLoginState(new Map(), login.state), undefined);
    const forged = `${login.state.slice(0, 12)}${other.state.slice(12)}`;
    assert.equal(matchLoginState(new Map([[login.cookieName, [login.cookieValue]]]), forged), undefined);
    assert.equal(matchLoginState(new Map([[login.cookieName, [login.cookieValue]]]), 'short'), undefined);
  });
});
