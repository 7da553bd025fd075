/**
 * Delta to browser: how long after the scheduler publishes a delta the
 * UI server's websocket delivers the change. A root-side subscriber notes
 * each published `all` message (t0); one websocket viewer subscribed to
 * `deltas` for the workflow notes each message's arrival. Each t0 is paired
 * with the first websocket message for that workflow that arrives after it
 * (pairing.ts). The UI server sends one message per burst (~15 ms
 * coalescing), so a burst of publications shares one message and each is
 * paired with it; a publication that got no message of its own is paired
 * with the next one, which shows as a large latency, not as a miss.
 */
import { sleep } from '../../lib/bed';
import { DeltaViewer } from './delta-viewer';
import { readMessage } from './delta-message';
import { firstArrivalAfter, sharedArrivals } from './pairing';
import { PublishedDeltas } from './published-deltas';
import type { ServerAddress } from './direct-address';
import { CLOUDS, CLOUDS_ID, DELTAS_SUBSCRIPTION, GRAPHQL_PATH } from './targets';

export interface DeltaLatency {
  readonly latencies: number[];
  readonly published: number;
  readonly messages: number;
  readonly resets: number;
  /** Publications that shared their message with the one before. */
  readonly coalesced: number;
  /** Publications after which no message came at all before the end. */
  readonly unanswered: number;
  readonly durationMs: number;
}

/** Lets the SUB socket finish its CURVE handshake and subscription (ZeroMQ's "slow joiner") before anything counts. */
const SUBSCRIBER_SETTLE_MS = 1000;
/** Time after the window for the last publications' messages to arrive. */
const DRAIN_MS = 2000;

export function websocketUrl(server: ServerAddress): string {
  return `ws://${server.ip}:${server.port}${GRAPHQL_PATH}`;
}

export async function measureDeltaLatency(server: ServerAddress, cookie: string, durationMs: number): Promise<DeltaLatency> {
  const published = await PublishedDeltas.open(CLOUDS);
  let viewer: DeltaViewer | undefined;
  try {
    await sleep(SUBSCRIBER_SETTLE_MS);
    viewer = await DeltaViewer.open(websocketUrl(server), cookie, DELTAS_SUBSCRIPTION);
    // The first message is the reset everyone gets on subscribing: not an answer to any publication.
    const firstCounted = viewer.arrivals.length;
    const started = performance.now();
    published.startRecording();
    await sleep(durationMs);
    published.stopRecording();
    await sleep(DRAIN_MS);
    const arrivals = viewer.arrivals.slice(firstCounted).filter((a) => readMessage(a.data).workflowId === CLOUDS_ID);
    const resets = arrivals.filter((a) => readMessage(a.data).kind === 'reset').length;
    const times = arrivals.map((a) => a.at);
    const paired = firstArrivalAfter(published.times, times);
    const latencies: number[] = [];
    paired.forEach((index, i) => {
      if (index !== undefined) latencies.push(times[index]! - published.times[i]!);
    });
    return {
      latencies,
      published: published.times.length,
      messages: arrivals.length,
      resets,
      coalesced: sharedArrivals(paired),
      unanswered: paired.filter((index) => index === undefined).length,
      durationMs: performance.now() - started - DRAIN_MS,
    };
  } finally {
    await viewer?.close();
    await published.close();
  }
}
