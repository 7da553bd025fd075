import assert from 'node:assert/strict';
import { parseConfig, websocketUrl } from '../../web/src/model/config';

describe('page config', () => {
  it('reads the config the page embeds', () => {
    const config = parseConfig({
      prefix: '/user/alice/',
      wsPath: '/user/alice/api/ws',
      graphqlPath: '/user/alice/graphql',
      visitor: 'jacintar',
      owner: 'alice',
      canAct: true,
      kiosk: false,
    });
    assert.deepEqual(config, {
      prefix: '/user/alice/',
      wsPath: '/user/alice/api/ws',
      graphqlPath: '/user/alice/graphql',
      visitor: 'jacintar',
      owner: 'alice',
      canAct: true,
      kiosk: false,
    });
  });

  it('is read-only unless told otherwise, and always in kiosk mode', () => {
    const old = parseConfig({ prefix: '/user/alice', wsPath: '/user/alice/api/ws', keepaliveSeconds: 30 });
    assert.equal(old.canAct, false);
    assert.equal(old.prefix, '/user/alice/');
    assert.equal(old.graphqlPath, '/user/alice/graphql');
    assert.equal(parseConfig({ canAct: true, kiosk: true }).canAct, false);
    assert.equal(parseConfig({ canAct: 'yes' }).canAct, false);
    assert.equal(parseConfig(null, true).kiosk, true);
  });

  it('builds the websocket URL from the page location', () => {
    assert.equal(websocketUrl('https:', 'hub.example:8443', '/user/alice/graphql'), 'wss://hub.example:8443/user/alice/graphql');
    assert.equal(websocketUrl('http:', 'localhost', '/g'), 'ws://localhost/g');
  });
});
