/**
 * Tells every page of this browser, whichever owner's UI server it belongs
 * to (they all share the hub's origin), that the person's level is
 * changing: each closes its websocket sessions and opens fresh ones, and
 * asks hub-service for the level again. Sockets carry no privilege (every
 * action brings its own grant), but none opened before a raise or a drop
 * lives on past it.
 */
const CHANNEL = 'isobar-elevation';

export type LevelChange = 'raise' | 'drop';

function isLevelChange(value: unknown): value is LevelChange {
  return value === 'raise' || value === 'drop';
}

export class ElevationChannel {
  private readonly channel: BroadcastChannel | undefined;

  /** `onChange` runs for changes announced by other pages (a page does not hear itself). */
  constructor(onChange: (change: LevelChange) => void) {
    // Browsers without BroadcastChannel: each page still follows its own level.
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : undefined;
    this.channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
      const change = (event.data as { change?: unknown } | null)?.change;
      if (isLevelChange(change)) onChange(change);
    });
  }

  announce(change: LevelChange): void {
    this.channel?.postMessage({ change });
  }
}
