import assert from 'node:assert/strict';
import { Semaphore } from '../src/daemon/semaphore';

describe('Semaphore (per-host connection limit)', () => {
  it('never lets more than the limit in at once', async () => {
    const sem = new Semaphore(3);
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const release = await sem.acquire();
        inside++;
        most = Math.max(most, inside);
        await new Promise((r) => setTimeout(r, 2));
        inside--;
        release();
      }),
    );
    assert.equal(most, 3);
    assert.equal(sem.inUse, 0);
  });

  it('ignores a second release of the same slot', async () => {
    const sem = new Semaphore(1);
    const release = await sem.acquire();
    release();
    release();
    assert.equal(sem.inUse, 0);
  });
});
