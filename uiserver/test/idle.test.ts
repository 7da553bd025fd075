import assert from 'node:assert/strict';
import { IdleTracker } from '../src/idle';
import { FakeClock } from './clock';

describe('IdleTracker', () => {
  it('is idle only after the timeout with nothing happening', () => {
    const clock = new FakeClock();
    const tracker = new IdleTracker(10_000, clock.now);
    clock.advance(9_999);
    assert.equal(tracker.isIdle(), false);
    clock.advance(1);
    assert.equal(tracker.isIdle(), true);
  });

  it('restarts the clock on activity', () => {
    const clock = new FakeClock();
    const tracker = new IdleTracker(10_000, clock.now);
    clock.advance(8_000);
    tracker.touch();
    clock.advance(8_000);
    assert.equal(tracker.isIdle(), false);
    clock.advance(2_000);
    assert.equal(tracker.isIdle(), true);
    assert.equal(tracker.lastActivity, clock.ms - 10_000);
  });

  it('never goes idle while a page is open, however quiet', () => {
    const clock = new FakeClock();
    const tracker = new IdleTracker(10_000, clock.now);
    tracker.connectionOpened();
    clock.advance(24 * 3600_000);
    assert.equal(tracker.isIdle(), false);
    assert.equal(tracker.openConnections, 1);
  });

  it('starts the clock when the last page closes', () => {
    const clock = new FakeClock();
    const tracker = new IdleTracker(10_000, clock.now);
    tracker.connectionOpened();
    tracker.connectionOpened();
    clock.advance(60_000);
    tracker.connectionClosed();
    clock.advance(60_000);
    assert.equal(tracker.isIdle(), false, 'one page still open');
    tracker.connectionClosed();
    clock.advance(9_999);
    assert.equal(tracker.isIdle(), false);
    clock.advance(1);
    assert.equal(tracker.isIdle(), true);
  });

  it('does not count below zero pages', () => {
    const clock = new FakeClock();
    const tracker = new IdleTracker(1_000, clock.now);
    tracker.connectionClosed();
    tracker.connectionOpened();
    assert.equal(tracker.openConnections, 1);
  });

  it('never goes idle with timeout 0 (disabled)', () => {
    const clock = new FakeClock();
    const tracker = new IdleTracker(0, clock.now);
    clock.advance(365 * 24 * 3600_000);
    assert.equal(tracker.isIdle(), false);
  });

  it('ignores a clock that steps backwards', () => {
    const clock = new FakeClock();
    const tracker = new IdleTracker(10_000, clock.now);
    clock.advance(5_000);
    tracker.touch();
    clock.advance(-3_000);
    tracker.touch();
    assert.equal(tracker.lastActivity, clock.ms + 3_000);
  });
});
