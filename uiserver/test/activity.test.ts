import assert from 'node:assert/strict';
import { ActivityReporter } from '../src/activity';
import { Logger } from '../src/log';
import { FakeClock, LineSink } from './clock';

function setup(fail = false): { clock: FakeClock; sent: Date[]; reporter: ActivityReporter; sink: LineSink } {
  const clock = new FakeClock();
  const sent: Date[] = [];
  const sink = new LineSink();
  const reporter = new ActivityReporter(
    async (at) => {
      if (fail) throw new Error('hub down');
      sent.push(at);
    },
    new Logger(sink),
    { intervalMs: 60_000, firstDelayMs: 1_000, now: clock.now },
  );
  return { clock, sent, reporter, sink };
}

describe('ActivityReporter', () => {
  it('reports the start as activity on the first tick', async () => {
    const { clock, sent, reporter } = setup();
    const started = clock.ms;
    clock.advance(1_000);
    assert.equal(await reporter.tick(), true);
    assert.deepEqual(sent, [new Date(started)]);
  });

  it('stays quiet when nothing happened since the last report', async () => {
    const { sent, reporter } = setup();
    await reporter.tick();
    assert.equal(await reporter.tick(), false);
    assert.equal(sent.length, 1);
  });

  it('reports the latest activity, not the time of reporting', async () => {
    const { clock, sent, reporter } = setup();
    await reporter.tick();
    clock.advance(10_000);
    reporter.note();
    const at = clock.ms;
    clock.advance(5_000);
    reporter.note(at - 1);
    clock.advance(45_000);
    await reporter.tick();
    assert.deepEqual(sent[1], new Date(at));
  });

  it('logs failures, keeps the activity and retries later', async () => {
    const { reporter, sink } = setup(true);
    assert.equal(await reporter.tick(), false);
    assert.match(sink.text, /cannot report activity.*hub down/);
    assert.equal(await reporter.tick(), false);
    assert.equal(sink.lines.length, 2, 'retried');
  });

  it('does not overlap reports when the hub is slow', async () => {
    const clock = new FakeClock();
    let release: () => void = () => undefined;
    let calls = 0;
    const reporter = new ActivityReporter(
      () => {
        calls++;
        return new Promise<void>((resolve) => (release = resolve));
      },
      new Logger(new LineSink()),
      { intervalMs: 60_000, firstDelayMs: 1_000, now: clock.now },
    );
    const first = reporter.tick();
    assert.equal(await reporter.tick(), false);
    release();
    assert.equal(await first, true);
    assert.equal(calls, 1);
  });

  it('ticks on its own after start() and stops after stop()', async () => {
    const sent: Date[] = [];
    const reporter = new ActivityReporter(async (at) => void sent.push(at), new Logger(new LineSink()), {
      intervalMs: 30,
      firstDelayMs: 5,
      now: Date.now,
    });
    reporter.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(sent.length, 1);
    reporter.note(Date.now() + 1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(sent.length, 2);
    reporter.stop();
    reporter.note(Date.now() + 2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(sent.length, 2);
  });
});
