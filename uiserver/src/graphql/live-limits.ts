/** The limits of the `graphql` websocket. */
export interface LiveLimits {
  /** Larger client messages close the socket (1009, by ws). */
  readonly maxPayloadBytes: number;
  /** Operations (subscriptions and queries in flight) per socket. */
  readonly maxOperations: number;
  /** Message rate per socket: `burst` at once, `perSecond` sustained; beyond it, close 4429. */
  readonly burst: number;
  readonly perSecond: number;
  /** `connection_init` must come within this, else close 4408. */
  readonly initTimeoutMs: number;
  /** Changes of one workflow within this become one message. */
  readonly coalesceMs: number;
  /** Beyond this many bytes queued toward a client, its deltas are skipped; it gets a reset once drained. */
  readonly skipBufferedBytes: number;
  /** Beyond this, the client is closed (1013). */
  readonly closeBufferedBytes: number;
  /** How often a skipped client is checked for having drained. */
  readonly drainCheckMs: number;
  /** Sockets that miss a ping round are dropped, so a vanished browser does not keep the server alive. */
  readonly pingIntervalMs: number;
}

export const DEFAULT_LIVE_LIMITS: LiveLimits = {
  maxPayloadBytes: 64 * 1024,
  maxOperations: 20,
  burst: 50,
  perSecond: 10,
  initTimeoutMs: 10_000,
  coalesceMs: 15,
  skipBufferedBytes: 4 * 1024 * 1024,
  closeBufferedBytes: 16 * 1024 * 1024,
  drainCheckMs: 50,
  pingIntervalMs: 30_000,
};

/** What the sockets have done, for status pages and tests. */
export interface LiveCounters {
  /** Delta messages not sent because their client was behind. */
  framesSkipped: number;
  /** The most bytes ever queued toward one client, right after a send. */
  peakBufferedBytes: number;
}
