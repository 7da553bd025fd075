import type { Logger } from './log';

export interface ActivityReporterOptions {
  /** Minimum gap between reports: the hub only needs minute resolution. */
  readonly intervalMs: number;
  /** Delay of the first report, which tells the hub the server is in use right after spawning. */
  readonly firstDelayMs: number;
  readonly now: () => number;
}

/**
 * Tells the hub about activity (POST JUPYTERHUB_ACTIVITY_URL), throttled.
 * The hub's idle culler and its `last_activity` rely on it. A failed report
 * is logged and retried at the next tick, never fatal: the hub may restart.
 */
export class ActivityReporter {
  private last: number;
  private reported = -Infinity;
  private inFlight = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly report: (lastActivity: Date) => Promise<void>,
    private readonly log: Logger,
    private readonly options: ActivityReporterOptions,
  ) {
    // Starting counts as activity: somebody asked the hub for this server.
    this.last = options.now();
  }

  /** Note activity at `at` (ms since epoch); cheap, called on every request. */
  note(at: number = this.options.now()): void {
    if (at > this.last) this.last = at;
  }

  start(): void {
    this.schedule(this.options.firstDelayMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  // Each tick is scheduled after the previous one ends, so reports are at
  // least intervalMs apart even when the hub is slow.
  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.tick().finally(() => this.schedule(this.options.intervalMs));
    }, delayMs);
  }

  /** Report if anything happened since the last successful report. Exposed for tests. */
  async tick(): Promise<boolean> {
    if (this.inFlight || this.last <= this.reported) return false;
    this.inFlight = true;
    const sending = this.last;
    try {
      await this.report(new Date(sending));
      this.reported = sending;
      this.log.debug('reported activity to the hub', { lastActivity: new Date(sending).toISOString() });
      return true;
    } catch (err) {
      this.log.warn('cannot report activity to the hub; will retry', { error: err instanceof Error ? err.message : String(err) });
      return false;
    } finally {
      this.inFlight = false;
    }
  }
}
