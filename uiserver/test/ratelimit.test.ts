import assert from 'node:assert/strict';
import { TokenBucket } from '../src/ratelimit';
import { FakeClock } from './clock';

describe('TokenBucket', () => {
  it('allows a burst, then the sustained rate', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(3, 2, clock.now);
    assert.deepEqual([bucket.take(), bucket.take(), bucket.take(), bucket.take()], [true, true, true, false]);
    clock.advance(499);
    assert.equal(bucket.take(), false);
    clock.advance(1);
    assert.equal(bucket.take(), true);
    clock.advance(60_000);
    assert.deepEqual([bucket.take(), bucket.take(), bucket.take(), bucket.take()], [true, true, true, false]);
  });
});
