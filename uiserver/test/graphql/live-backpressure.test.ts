import type { DataElement } from '@isobar/cylc-client';
import assert from 'node:assert/strict';
import { Logger } from '../../src/log';
import { idsOf } from './fixtures';
import { startTestServer, type TestServer } from './servers';
import { RawClient, graphqlWsClient, subscribe, waitFor } from './ws-clients';

const big = idsOf('alice', 'big/run1');
const PROXIES = 2000;
/** Each task proxy ~1 KiB in the answer: a message of ~2 MiB per burst. */
const PADDING = 'x'.repeat(1000);
const QUERY = 'subscription { deltas { id reset added { taskProxies { id state name } } updated { taskProxies { id state name } } } }';
const SKIP_BYTES = 1024 * 1024;

function proxies(state: string): DataElement[] {
  return Array.from({ length: PROXIES }, (_, i) => ({ id: big.proxy(1, `t${i}`), name: `t${i}-${PADDING}`, cycle_point: '1', state }));
}

/** One burst: every task proxy changes state. */
function changeAll(server: TestServer, state: string): void {
  const workflow = server.source.workflow(big.workflow);
  workflow.store.apply({ task_proxies: { updated: proxies(state) } });
  server.source.change({ workflowId: big.workflow, updated: { task_proxies: [...workflow.store.elements.task_proxies.keys()] } });
}

async function pausedClient(server: TestServer): Promise<RawClient> {
  const client = new RawClient(Number(new URL(server.wsUrl).port));
  await client.ready;
  client.send({ type: 'connection_init' });
  client.send({ type: 'subscribe', id: 'slow', payload: { query: QUERY } });
  await waitFor('the slow client subscribed', () => server.live.stats().subscriptions === 1);
  client.pause();
  return client;
}

describe('graphql websocket backpressure', () => {
  let running: TestServer | undefined;
  let logLines: string[];

  async function start(skipBufferedBytes: number, closeBufferedBytes: number): Promise<TestServer> {
    logLines = [];
    const log = new Logger({ write: (line: string) => logLines.push(line) });
    running = await startTestServer({ live: { log, limits: { skipBufferedBytes, closeBufferedBytes } } });
    running.source.add({ workflow: { id: big.workflow, name: 'big/run1', status: 'running' }, task_proxies: proxies('waiting') });
    return running;
  }

  afterEach(() => running?.close());

  it('skips a client that does not read, within the limit, and resets it once it has caught up', async () => {
    const server = await start(SKIP_BYTES, 64 * 1024 * 1024);
    const slow = await pausedClient(server);

    const { client } = graphqlWsClient(server.wsUrl);
    const reader = subscribe(client, QUERY);
    await waitFor('the reader subscribed', () => reader.results.length === 1);

    const bursts = 30;
    let messageBytes = 0;
    for (let burst = 1; burst <= bursts; burst++) {
      changeAll(server, `state${burst}`);
      await waitFor(`burst ${burst} at the reader`, () => reader.results.length === burst + 1, 5000);
      messageBytes = Math.max(messageBytes, JSON.stringify(reader.results[burst]).length);
    }
    const stats = server.live.stats();
    assert.ok(stats.framesSkipped > 0, 'the slow client was skipped');
    assert.ok(
      stats.peakBufferedBytes <= SKIP_BYTES + messageBytes + 64 * 1024,
      `queued toward the slow client: ${stats.peakBufferedBytes} bytes (limit ${SKIP_BYTES} + one message of ${messageBytes})`,
    );

    slow.resume();
    const lastState = `state${bursts}`;
    await waitFor(
      'a reset with the current state',
      () =>
        slow.messages().some((m) => {
          const deltas = ((m['payload'] as Record<string, Record<string, Record<string, unknown>>> | undefined)?.['data'] ?? {})['deltas'];
          const first = (deltas?.['added'] as Record<string, { state: string }[]> | undefined)?.['taskProxies']?.[0];
          return deltas?.['reset'] === true && first?.state === lastState;
        }),
      10_000,
    );
    const received = slow.messages().filter((m) => m['type'] === 'next').length;
    assert.ok(received < bursts + 1, `fewer messages than bursts reached the slow client (${received})`);
    slow.destroy();
    await client.dispose();
  });

  it('closes a client that falls too far behind (1013)', async () => {
    // Never skipped, so only the close limit stops the queue growing.
    const server = await start(64 * 1024 * 1024, 3 * 1024 * 1024);
    const slow = await pausedClient(server);
    const { client } = graphqlWsClient(server.wsUrl);
    const reader = subscribe(client, QUERY);
    await waitFor('the reader subscribed', () => reader.results.length === 1);
    for (let burst = 1; server.live.openCount > 1; burst++) {
      assert.ok(burst <= 30, 'still open after 30 bursts');
      changeAll(server, `state${burst}`);
      await waitFor(`burst ${burst} at the reader`, () => reader.results.length === burst + 1, 5000);
    }
    assert.equal(server.live.openCount, 1, 'the reader is still connected');
    assert.ok(logLines.some((line) => line.includes('closing a graphql websocket that is too far behind')));
    slow.destroy();
    await client.dispose();
  });
});
