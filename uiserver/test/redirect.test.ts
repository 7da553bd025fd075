import assert from 'node:assert/strict';
import { safeNextUrl } from '../src/redirect';

describe('safeNextUrl', () => {
  const prefix = '/user/alice/';
  const callback = '/user/alice/oauth_callback';
  const next = (candidate: string | undefined): string => safeNextUrl(candidate, prefix, callback);

  it('keeps paths under the prefix, with their query', () => {
    assert.equal(next('/user/alice/'), '/user/alice/');
    assert.equal(next('/user/alice/?workflow=a/b&x=1'), '/user/alice/?workflow=a/b&x=1');
    assert.equal(next('/user/alice/api/status'), '/user/alice/api/status');
  });

  it('falls back to the prefix for anything else', () => {
    for (const bad of [
      undefined,
      '',
      'https://evil.example/',
      '//evil.example/user/alice/',
      '/\\evil.example/',
      '/user/alice/\\..\\..\\evil',
      '/user/bob/',
      '/user/alice/../bob/',
      '/user/alice/%2e%2e/bob/',
      '/user/alicex/',
      '/user/alice/\r\nSet-Cookie: a=b',
      '/user/alice/ x',
      `/user/alice/${'a'.repeat(3000)}`,
      '/user/alice/oauth_callback?code=x',
    ]) {
      assert.equal(next(bad), prefix, String(bad));
    }
  });
});
