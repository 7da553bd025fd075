import assert from 'node:assert/strict';
import { feedState, feedText, retryDelay } from '../../web/src/model/feed-state';

describe('feed state', () => {
  const base = { connected: true, everConnected: true, lastMessageAt: 1000, now: 2000, staleAfterMs: 25000 };

  it('is live only with a recent message', () => {
    assert.equal(feedState(base), 'live');
    assert.equal(feedState({ ...base, now: 1000 + 25001 }), 'stale');
  });

  it('tells a first connection from a lost one', () => {
    assert.equal(feedState({ ...base, connected: false, everConnected: false }), 'connecting');
    assert.equal(feedState({ ...base, connected: false }), 'reconnecting');
  });

  it('says how old the data is when it is not live', () => {
    assert.equal(feedText('live', base), 'live');
    assert.equal(feedText('stale', { ...base, now: 1000 + 40000 }), 'stale (last update 40 s ago)');
    assert.equal(feedText('reconnecting', { ...base, now: 1000 + 600000 }), 'reconnecting (last update 10 min ago)');
    assert.equal(feedText('connecting', { ...base, everConnected: false }), 'connecting');
  });

  it('backs off with jitter up to a cap', () => {
    assert.equal(retryDelay(0, 0), 250);
    assert.equal(retryDelay(0, 0.999999), 500);
    assert.equal(retryDelay(3, 0), 2000);
    assert.equal(retryDelay(50, 1), 30000);
    assert.ok(retryDelay(50, 0) >= 15000);
  });
});
