import { shallowRef, type ShallowRef } from 'vue';
import { getJson, postJson } from './api';
import { ElevationChannel } from './elevation-channel';
import { ElevationMachine, HUB_SERVICE_PATH, READ_ONLY, elevateUrl, levelRank, type ElevationState, type Level } from './model/elevation';

/** How often the countdown is redrawn while elevated. */
const TICK_MS = 250;

/**
 * The page's elevation, for components: the machine's state as refs, a
 * countdown and the ways to raise (the hub-service's page) and drop. The
 * grant stays in this object's memory: nothing is written to storage.
 */
export class Elevation {
  readonly state: ShallowRef<ElevationState> = shallowRef(READ_ONLY);
  /** Seconds left while elevated, redrawn a few times a second. */
  readonly remaining: ShallowRef<number> = shallowRef(0);
  /** The level of the grant held now (read without one): what actions are sent with. */
  readonly grantLevel: ShallowRef<Level> = shallowRef('read');
  private readonly machine: ElevationMachine;
  private readonly channel: ElevationChannel;
  private ticker: ReturnType<typeof setInterval> | undefined;

  /** `closeSockets`: closes this page's websocket sessions (they reopen by themselves) when the level changes anywhere. */
  constructor(audience: string, closeSockets: () => void) {
    this.machine = new ElevationMachine(
      {
        now: () => Date.now(),
        schedule: (run, ms) => setTimeout(run, ms),
        cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
        fetchStatus: () => getJson(`${HUB_SERVICE_PATH}api/elevation`),
        fetchGrant: (owner) => postJson(`${HUB_SERVICE_PATH}api/grants`, { audience: owner }),
        postDrop: () => postJson(`${HUB_SERVICE_PATH}api/drop`, {}),
      },
      { audience },
    );
    this.machine.onChange(() => this.show());
    this.channel = new ElevationChannel(() => {
      closeSockets();
      void this.machine.refresh();
    });
    // A hidden tab's timers are held back: catch up, and ask again, when it is seen.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState !== 'visible') return;
      this.machine.check();
      void this.machine.refresh();
    });
    void this.machine.start();
  }

  /** The grant to send with an action now, if any. */
  grant(): string | undefined {
    return this.machine.grant();
  }

  /** To a higher level: the hub-service asks the password and brings the person back here. */
  raise(level: Level): void {
    this.channel.announce('raise');
    rememberRaising();
    window.location.assign(elevateUrl(level, window.location));
  }

  /** Choosing a level: read drops, anything else goes through the hub-service's page. */
  choose(level: Level): void {
    if (level === this.state.value.level) return;
    if (level === 'read') void this.drop();
    else this.raise(level);
  }

  async drop(): Promise<void> {
    await this.machine.drop();
    this.channel.announce('drop');
  }

  private show(): void {
    const state = this.machine.state;
    this.state.value = state;
    this.remaining.value = this.machine.remainingSeconds();
    this.grantLevel.value = this.machine.grantLevel();
    const elevated = levelRank(state.level) > 0;
    // Back from the hub-service's page, raised: the other pages learn it now (they asked while the password was typed).
    if (elevated && takeRaising()) this.channel.announce('raise');
    if (elevated && this.ticker === undefined) this.ticker = setInterval(() => this.tick(), TICK_MS);
    if (!elevated && this.ticker !== undefined) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  /** Time passes: the machine ends what has run out (and tells `show`), the countdown moves. */
  private tick(): void {
    this.machine.check();
    this.remaining.value = this.machine.remainingSeconds();
    this.grantLevel.value = this.machine.grantLevel();
  }
}

/** Marks, for the page that comes back from the hub-service, that this tab went to raise its level. */
const RAISING_KEY = 'isobar-raising';

function rememberRaising(): void {
  try {
    sessionStorage.setItem(RAISING_KEY, '1');
  } catch {
    // No storage: the other pages learn of the raise when they next ask.
  }
}

function takeRaising(): boolean {
  try {
    const raising = sessionStorage.getItem(RAISING_KEY) !== null;
    sessionStorage.removeItem(RAISING_KEY);
    return raising;
  } catch {
    return false;
  }
}
