import assert from 'node:assert/strict';
import { appendFile, mkdir, readdir, readlink, rename, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { LogApp } from './log-app';
import { RunDirFixture } from './run-dir';
import { SseClient } from './sse-client';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resource kinds an idle follow must not leave behind. */
function countResources(): { watchers: number; timers: number } {
  const info = process.getActiveResourcesInfo();
  return { watchers: info.filter((kind) => kind === 'FSEventWrap').length, timers: info.filter((kind) => kind === 'Timeout').length };
}

/** This process's open files under `dir` (Linux: /proc/self/fd). */
async function openFilesUnder(dir: string): Promise<number> {
  const links = await Promise.all((await readdir('/proc/self/fd')).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
  return links.filter((target) => target.startsWith(dir)).length;
}

async function eventually(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('GET api/logs/file?follow=1', () => {
  let fixture: RunDirFixture;
  let app: LogApp;
  let activity: number;
  let clients: SseClient[];
  const job = '~alice/clouds/run1//1/climb/01';
  const jobOut = (): string => fixture.log('job', '1', 'climb', '01', 'job.out');

  beforeEach(async () => {
    fixture = await RunDirFixture.create();
    activity = 0;
    clients = [];
    app = await LogApp.start({
      cylcRun: fixture.cylcRun,
      owner: 'alice',
      onActivity: () => activity++,
      maxFollows: 2,
      timings: { pollMs: 50, minIntervalMs: 20, heartbeatMs: 100 },
    });
  });

  afterEach(async () => {
    for (const client of clients) client.close();
    await app.stop();
    await fixture.remove();
  });

  async function follow(query: Record<string, string>): Promise<SseClient> {
    const client = await SseClient.open(app.url('api/logs/file', { ...query, follow: '1' }));
    clients.push(client);
    return client;
  }

  it('sends the backlog, then what is appended, in order and with exact offsets', async () => {
    const client = await follow({ id: job, file: 'job.out' });
    assert.equal(client.response.statusCode, 200);
    assert.equal(client.response.headers['content-type'], 'text/event-stream; charset=utf-8');
    assert.equal(client.response.headers['x-log-size'], '10');
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i}\n`);
    const appending = (async () => {
      for (const line of lines) {
        await appendFile(jobOut(), line);
        await sleep(5);
      }
    })();
    const expected = `first try\n${lines.join('')}`;
    const { text, chunks } = await client.textUntil(expected);
    await appending;
    assert.equal(text, expected);
    let offset = 0;
    for (const chunk of chunks) {
      assert.equal(chunk.offset, offset);
      offset += Buffer.byteLength(chunk.text);
    }
    assert.ok(activity > 0, 'following counts as activity');
  });

  it('keeps multibyte characters whole when a write splits them', async () => {
    const client = await follow({ id: job, file: 'job.out' });
    await client.textUntil('first try\n');
    const bytes = Buffer.from('€ and 😀 and é\n');
    // Cut inside € (3 bytes) and inside 😀 (4 bytes), with pauses longer than the poll.
    for (const [from, to] of [
      [0, 1],
      [1, 8],
      [8, 10],
      [10, bytes.length],
    ] as const) {
      await appendFile(jobOut(), bytes.subarray(from, to));
      await sleep(120);
    }
    const { text } = await client.textUntil(bytes.toString());
    assert.equal(text, '€ and 😀 and é\n');
  });

  it('announces truncation and starts again from 0', async () => {
    const client = await follow({ id: job, file: 'job.out' });
    await client.textUntil('first try\n');
    await truncate(jobOut(), 0);
    await sleep(120);
    await appendFile(jobOut(), 'again\n');
    const event = await client.next();
    assert.equal(event.type, 'truncated');
    const { chunks } = await client.textUntil('again\n');
    assert.equal(chunks[0]?.offset, 0);
  });

  it('announces a replaced file and reads the new one', async () => {
    const client = await follow({ id: job, file: 'job.out' });
    await client.textUntil('first try\n');
    const fresh = fixture.log('job', '1', 'climb', '01', 'job.out.new');
    await writeFile(fresh, 'replacement\n');
    await rename(fresh, jobOut());
    assert.equal((await client.next()).type, 'truncated');
    assert.equal((await client.textUntil('replacement\n')).text, 'replacement\n');
  });

  it('moves to the new submit when NN is pointed at it', async () => {
    const client = await follow({ id: '~alice/clouds/run1//1/climb/NN', file: 'job.out' });
    await client.textUntil('second try\n');
    await mkdir(fixture.log('job', '1', 'climb', '03'));
    await writeFile(fixture.log('job', '1', 'climb', '03', 'job.out'), 'third try\n');
    await unlink(fixture.log('job', '1', 'climb', 'NN'));
    await symlink('03', fixture.log('job', '1', 'climb', 'NN'));
    assert.equal((await client.next()).type, 'truncated');
    assert.equal((await client.textUntil('third try\n')).text, 'third try\n');
  });

  it('never reads a file that a link now leads out of the log directory', async () => {
    const client = await follow({ id: job, file: 'job.out' });
    await client.textUntil('first try\n');
    await unlink(jobOut());
    await symlink(`${fixture.home}/secret.txt`, jobOut());
    await sleep(300);
    await unlink(jobOut());
    await writeFile(jobOut(), 'back\n');
    // The only events: the new file, never the secret.
    assert.equal((await client.next()).type, 'truncated');
    assert.equal((await client.textUntil('back\n')).text, 'back\n');
  });

  it('sends heartbeats, which count as activity', async () => {
    const client = await follow({ id: job, file: 'job.out' });
    await client.textUntil('first try\n');
    const before = activity;
    const heartbeat = await client.next(1000, true);
    assert.equal(heartbeat.type, 'comment');
    assert.ok(activity > before);
  });

  it('answers 429 beyond the limit of concurrent follows', async () => {
    await follow({ id: job, file: 'job.out' });
    await follow({ id: job, file: 'job.err' });
    const response = await fetch(app.url('api/logs/file', { id: job, file: 'job', follow: '1' }));
    assert.equal(response.status, 429);
    assert.equal(((await response.json()) as { code: string }).code, 'TOO_MANY_FOLLOWS');
  });

  it('stops reading when the client goes away, leaving no watcher or timer behind', async () => {
    await sleep(20);
    const baseline = countResources();
    const client = await follow({ id: job, file: 'job.out' });
    await client.textUntil('first try\n');
    assert.equal(app.handlers.openFollows(), 1);
    assert.ok(countResources().watchers > baseline.watchers, 'a watch while following');
    assert.equal(await openFilesUnder(fixture.home), 1, 'the followed file is open');
    client.close();
    await eventually(() => app.handlers.openFollows() === 0);
    await sleep(20);
    const after = countResources();
    assert.equal(after.watchers, baseline.watchers);
    assert.ok(after.timers <= baseline.timers, `timers ${after.timers} <= ${baseline.timers}`);
    assert.equal(await openFilesUnder(fixture.home), 0, 'the file is closed');
    // The slot is free again.
    await follow({ id: job, file: 'job.out' });
    await follow({ id: job, file: 'job.out' });
    assert.equal(app.handlers.openFollows(), 2);
  });

  it('ends every follow on closeAll', async () => {
    const client = await follow({ id: job, file: 'job.out' });
    await client.textUntil('first try\n');
    await app.handlers.closeAll();
    assert.equal(app.handlers.openFollows(), 0);
    await eventually(() => client.isEnded);
  });
});
