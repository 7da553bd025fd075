import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FollowSink, LogFollower } from '../../src/logs/follower';
import { openLogFile } from '../../src/logs/log-file';
import { LogNotFoundError } from '../../src/logs/log-paths';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A sink whose buffer is always full until the test lets it drain. */
class FullSink implements FollowSink {
  readonly chunks: { offset: number; text: string }[] = [];
  closed = false;
  private letDrain: (() => void) | undefined;

  event(name: string, data: unknown): boolean {
    if (name === 'chunk') this.chunks.push(data as { offset: number; text: string });
    return false;
  }
  comment(): boolean {
    return false;
  }
  drained(): Promise<void> {
    return new Promise((resolve) => (this.letDrain = resolve));
  }
  drain(): void {
    const letDrain = this.letDrain;
    this.letDrain = undefined;
    letDrain?.();
  }
  get waiting(): boolean {
    return this.letDrain !== undefined;
  }
  end(): void {
    this.closed = true;
  }
}

describe('LogFollower', () => {
  const chunkBytes = 1024;
  let dir: string;
  let path: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'isobar-follower-'));
    path = join(dir, 'job.out');
    await writeFile(path, 'x'.repeat(chunkBytes * 3));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function start(sink: FollowSink): Promise<LogFollower> {
    const follower = new LogFollower({
      file: await openLogFile(path, () => new LogNotFoundError('gone')),
      realPath: path,
      start: 0,
      resolve: () => Promise.resolve(path),
      sink,
      timings: { pollMs: 10, minIntervalMs: 10, heartbeatMs: 60_000, chunkBytes },
      onActivity: () => undefined,
      onError: (err) => assert.fail(String(err)),
    });
    follower.start();
    return follower;
  }

  it('reads no further while the client cannot take more, in chunks of at most chunkBytes', async () => {
    const sink = new FullSink();
    const follower = await start(sink);
    await sleep(100);
    assert.equal(sink.chunks.length, 1, 'one chunk, then it waits');
    assert.ok(sink.waiting);
    sink.drain();
    await sleep(50);
    assert.equal(sink.chunks.length, 2);
    sink.drain();
    await sleep(50);
    assert.deepEqual(
      sink.chunks.map((chunk) => [chunk.offset, chunk.text.length]),
      [
        [0, chunkBytes],
        [chunkBytes, chunkBytes],
        [chunkBytes * 2, chunkBytes],
      ],
    );
    follower.stop();
    sink.drain();
    await follower.done;
  });

  it('stops while waiting for the client, closing its file', async () => {
    const sink = new FullSink();
    const follower = await start(sink);
    await sleep(50);
    assert.ok(sink.waiting);
    follower.stop();
    // The client's close wakes the waiting reader, as SseStream.drained does.
    sink.drain();
    await follower.done;
    assert.equal(sink.chunks.length, 1);
  });
});
