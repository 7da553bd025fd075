/**
 * A CurveZMQ SUB client for a scheduler's publish port (same client keys as
 * the request client). Topics `all` (AllDeltas, protobuf) and `shutdown`
 * (the reason, UTF-8); each message is two frames `[topic, data]`. The
 * scheduler also publishes one topic per element type; only `all` is
 * subscribed, as it carries them all.
 *
 * Used as an async iterable: `for await (const event of subscriber)` ends
 * when `close()` is called. A message that does not decode is yielded as an
 * `invalid` event rather than thrown, so the consumer can resynchronise and
 * keep listening.
 */
import type { Subscriber } from 'zeromq';
import { zeromq } from './lazy-modules';
import { decodeAllDeltas } from './data-messages';
import type { AllDeltas } from './data-messages';
import type { CurveKeys } from './keys';

export interface SubscriberSettings {
  readonly host: string;
  /** CYLC_WORKFLOW_PUBLISH_PORT. */
  readonly port: number;
  readonly keys: CurveKeys;
}

export type SubscriberEvent =
  | { readonly kind: 'deltas'; readonly deltas: AllDeltas; readonly bytes: number }
  | { readonly kind: 'shutdown'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly topic: string; readonly error: string };

export const TOPIC_ALL = 'all';
export const TOPIC_SHUTDOWN = 'shutdown';

export class CylcSubscriber implements AsyncIterable<SubscriberEvent> {
  readonly endpoint: string;
  private readonly socket: Subscriber;

  constructor(settings: SubscriberSettings) {
    const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
    this.endpoint = `tcp://${host}:${settings.port}`;
    const { keys } = settings;
    this.socket = new (zeromq().Subscriber)({
      curveServerKey: keys.serverKey,
      curvePublicKey: keys.publicKey,
      curveSecretKey: keys.secretKey,
      linger: 0,
    });
    this.socket.connect(this.endpoint);
    this.socket.subscribe(TOPIC_ALL, TOPIC_SHUTDOWN);
  }

  get closed(): boolean {
    return this.socket.closed;
  }

  /** Stops listening; a pending iteration ends (no error). Idempotent. */
  close(): void {
    if (!this.socket.closed) this.socket.close();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SubscriberEvent> {
    while (!this.socket.closed) {
      let frames: Buffer[];
      try {
        frames = await this.socket.receive();
      } catch (err) {
        // Closing the socket rejects the pending receive: that is the end, not an error.
        if (this.socket.closed) return;
        throw err;
      }
      const event = toEvent(frames);
      if (event !== undefined) yield event;
    }
  }
}

/** Turns a `[topic, data]` message into an event; undefined for topics not asked for. */
export function toEvent(frames: readonly Buffer[]): SubscriberEvent | undefined {
  const [topicFrame, data] = frames;
  const topic = topicFrame?.toString('utf8') ?? '';
  // SUB filters by prefix, so e.g. a topic `allx` would get through too.
  if (topic !== TOPIC_ALL && topic !== TOPIC_SHUTDOWN) return undefined;
  if (data === undefined || frames.length !== 2) {
    return { kind: 'invalid', topic, error: `expected 2 frames, got ${frames.length}` };
  }
  if (topic === TOPIC_SHUTDOWN) return { kind: 'shutdown', reason: data.toString('utf8') };
  try {
    return { kind: 'deltas', deltas: decodeAllDeltas(data), bytes: data.length };
  } catch (err) {
    return { kind: 'invalid', topic, error: err instanceof Error ? err.message : String(err) };
  }
}
