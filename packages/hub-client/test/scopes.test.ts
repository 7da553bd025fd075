import assert from 'node:assert/strict';
import { defaultAccessScopes, hasAccessScope } from '../src';

describe('hasAccessScope', () => {
  const required = ['access:servers!server=alice/', 'access:servers!user=alice'];

  it('allows a required scope held exactly', () => {
    assert.equal(hasAccessScope(['access:servers!server=alice/'], required, 'alice', ''), true);
    assert.equal(hasAccessScope(['read:users:name!user=bob', 'access:servers!user=alice'], required, 'alice', ''), true);
  });

  it('allows an unfiltered access:servers', () => {
    assert.equal(hasAccessScope(['access:servers'], ['access:servers!server=alice/'], 'alice', ''), true);
  });

  it('allows access:servers!user=OWNER even when only the server filter is required', () => {
    assert.equal(hasAccessScope(['access:servers!user=alice'], ['access:servers!server=alice/'], 'alice', ''), true);
  });

  it('allows access:servers!server=OWNER/SERVER for this server', () => {
    assert.equal(hasAccessScope(['access:servers!server=alice/'], [], 'alice', ''), true);
    assert.equal(hasAccessScope(['access:servers!server=alice/big'], [], 'alice', 'big'), true);
  });

  it('refuses another server of the same owner', () => {
    assert.equal(hasAccessScope(['access:servers!server=alice/other'], [], 'alice', ''), false);
    assert.equal(hasAccessScope(['access:servers!server=alice/'], [], 'alice', 'big'), false);
  });

  it('refuses scopes for other owners, including prefix look-alikes', () => {
    assert.equal(hasAccessScope(['access:servers!user=bob'], required, 'alice', ''), false);
    assert.equal(hasAccessScope(['access:servers!user=alic'], required, 'alice', ''), false);
    assert.equal(hasAccessScope(['access:servers!user=alice2'], required, 'alice', ''), false);
    assert.equal(hasAccessScope(['access:servers!server=alice2/'], required, 'alice', ''), false);
  });

  it('refuses non-access scopes, even powerful-looking ones', () => {
    const held = ['self', 'read:users', 'servers!user=alice', 'admin:servers', 'access:services', 'read:servers'];
    assert.equal(hasAccessScope(held, required, 'alice', ''), false);
  });

  it('refuses group filters, which cannot be resolved here', () => {
    assert.equal(hasAccessScope(['access:servers!group=ops'], required, 'alice', ''), false);
  });

  it('refuses nothing held, and matches case-sensitively', () => {
    assert.equal(hasAccessScope([], required, 'alice', ''), false);
    assert.equal(hasAccessScope(['ACCESS:SERVERS'], required, 'alice', ''), false);
    assert.equal(hasAccessScope(['access:servers!user=Alice'], required, 'alice', ''), false);
  });

  it('honours an unusual required scope held verbatim', () => {
    assert.equal(hasAccessScope(['custom:thing'], ['custom:thing'], 'alice', ''), true);
  });

  it('defaultAccessScopes matches what the hub sends for a server', () => {
    assert.deepEqual(defaultAccessScopes('alice', ''), required);
  });
});
