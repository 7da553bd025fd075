import { shallowRef, type ShallowRef } from 'vue';
import type { Feed } from './feed';
import { DeltaStore } from './model/store';
import type { DeltasMessage } from './model/types';

/** After a (re)subscribe, how long the server gets to send its resets before unconfirmed workflows are dropped. */
const RESYNC_GRACE_MS = 20_000;
/** Live this long without a message for a subscription: it has nothing to send. */
const EMPTY_AFTER_MS = 3_000;

/**
 * One `deltas` subscription and the store it fills. The store is plain
 * data; `tick` changes after every applied message so Vue computeds that
 * read it recompute (cheaper than making thousands of tasks deeply reactive).
 */
export class LiveStore {
  readonly store = new DeltaStore();
  readonly tick: ShallowRef<number> = shallowRef(0);
  /** Has the current subscription delivered anything yet? Views say "loading" until then. */
  readonly loaded: ShallowRef<boolean> = shallowRef(false);

  private stop: (() => void) | undefined;
  private sweepTimer: ReturnType<typeof setTimeout> | undefined;
  private document = '';

  constructor(private readonly feed: Feed) {}

  /** Watch what `document` subscribes to; undefined stops watching. Same document: nothing to do. */
  follow(document: string | undefined): void {
    if ((document ?? '') === this.document) return;
    this.document = document ?? '';
    this.stop?.();
    this.stop = undefined;
    this.store.clear();
    this.loaded.value = false;
    this.bump();
    if (!document) return;
    this.stop = this.feed.subscribe(document, {
      next: (data) => this.receive(data),
      restart: () => this.restart(),
    });
  }

  private receive(data: unknown): void {
    const message = (data as { deltas?: DeltasMessage | null } | null)?.deltas;
    if (!message) return;
    this.store.apply(message);
    this.loaded.value = true;
    this.bump();
  }

  private restart(): void {
    // An owner with no workflows gets no message at all: after a moment of
    // live connection, "nothing yet" means "nothing".
    setTimeout(() => {
      if (this.feed.state.value === 'live') this.loaded.value = true;
    }, EMPTY_AFTER_MS);
    this.store.beginResync();
    if (this.sweepTimer !== undefined) clearTimeout(this.sweepTimer);
    this.sweepTimer = setTimeout(() => {
      this.sweepTimer = undefined;
      // Still disconnected: keep showing the last known data, marked by the feed state.
      if (this.feed.state.value !== 'live') return;
      if (this.store.sweepUnconfirmed().length > 0) this.bump();
      this.loaded.value = true;
    }, RESYNC_GRACE_MS);
  }

  private bump(): void {
    this.tick.value += 1;
  }
}
