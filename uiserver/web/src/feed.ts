import { createClient, type Client } from 'graphql-ws';
import { shallowRef, type ShallowRef } from 'vue';
import { feedState, feedText, retryDelay, type FeedState } from './model/feed-state';

/** Ping this long after the last pong: proof of life when no workflow changes. */
const PING_MS = 10_000;
/** No message for this long while "connected": say stale. */
const STALE_MS = 25_000;
/** Stale for this long: the socket is dead whatever the browser thinks; drop it and reconnect. */
const DEAD_MS = 45_000;

export interface SubscriptionHandlers {
  /** `data` of each result. */
  next(data: unknown): void;
  /**
   * The subscription is (re)starting: the server will send a reset for each
   * workflow it still has. Called for the first start too.
   */
  restart(): void;
}

function describe(error: unknown): string {
  if (Array.isArray(error)) {
    return error
      .map((e: unknown) =>
        typeof e === 'object' && e !== null && 'message' in e ? String((e as { message: unknown }).message) : String(e),
      )
      .join('; ');
  }
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code, reason } = error as { code: unknown; reason?: unknown };
    return `connection closed (${String(code)}${reason ? `: ${String(reason)}` : ''})`;
  }
  return error instanceof Error ? error.message : 'connection failed';
}

/**
 * The live data connection: one graphql-ws client over `<prefix>graphql`.
 * It must come back by itself forever (kiosk screens run for weeks), so
 * every way a subscription can end (socket closed, server restarted, a
 * close code graphql-ws treats as fatal such as 4429 or 4401) leads to a
 * later retry, with backoff so many screens do not stampede one server.
 */
export class Feed {
  readonly state: ShallowRef<FeedState> = shallowRef('connecting');
  readonly text: ShallowRef<string> = shallowRef('connecting');
  /** The last error a subscription ended with, until data flows again. */
  readonly problem: ShallowRef<string> = shallowRef('');

  private readonly client: Client;
  private connected = false;
  private everConnected = false;
  private lastMessageAt = Date.now();
  private lastTerminateAt = 0;
  private readonly active = new Set<SubscriptionHandlers>();

  constructor(url: string) {
    this.client = createClient({
      url,
      keepAlive: PING_MS,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelay(retries, Math.random()))),
      on: {
        connecting: () => this.setConnected(false),
        connected: (_socket, _payload, wasRetry) => {
          this.lastMessageAt = Date.now();
          this.setConnected(true);
          // graphql-ws re-sends every subscription on a new socket by itself.
          if (wasRetry) for (const handlers of this.active) handlers.restart();
        },
        closed: () => this.setConnected(false),
        message: () => {
          this.lastMessageAt = Date.now();
        },
      },
    });
    setInterval(() => this.refreshState(), 1000);
  }

  subscribe(query: string, handlers: SubscriptionHandlers): () => void {
    let stopped = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let dispose: () => void = () => undefined;
    const start = (): void => {
      timer = undefined;
      handlers.restart();
      dispose = this.client.subscribe<unknown>(
        { query },
        {
          next: (result) => {
            attempt = 0;
            if (result.errors?.length) this.problem.value = describe(result.errors);
            else if (this.problem.value) this.problem.value = '';
            if (result.data) handlers.next(result.data);
          },
          error: (error: unknown) => {
            if (stopped) return;
            this.problem.value = describe(error);
            later();
          },
          // The server ended it (e.g. restarting): ask again.
          complete: () => {
            if (!stopped) later();
          },
        },
      );
    };
    const later = (): void => {
      if (timer !== undefined) return;
      timer = setTimeout(start, retryDelay(attempt, Math.random()) + 1000);
      attempt += 1;
    };
    this.active.add(handlers);
    start();
    return () => {
      stopped = true;
      this.active.delete(handlers);
      if (timer !== undefined) clearTimeout(timer);
      dispose();
    };
  }

  /** Closes the socket now; the client opens a new one and subscribes again by itself. */
  reconnect(): void {
    this.client.terminate();
  }

  private setConnected(connected: boolean): void {
    this.connected = connected;
    if (connected) this.everConnected = true;
    this.refreshState();
  }

  private refreshState(): void {
    const facts = {
      connected: this.connected,
      everConnected: this.everConnected,
      lastMessageAt: this.lastMessageAt,
      now: Date.now(),
      staleAfterMs: STALE_MS,
    };
    const state = feedState(facts);
    this.state.value = state;
    this.text.value = feedText(state, facts);
    if (state === 'stale' && facts.now - Math.max(this.lastMessageAt, this.lastTerminateAt) > DEAD_MS) {
      this.lastTerminateAt = facts.now;
      this.client.terminate();
    }
  }
}
