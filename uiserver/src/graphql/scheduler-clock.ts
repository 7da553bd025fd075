/**
 * How long one request spent waiting for schedulers: the wall-clock time
 * during which at least one forwarded call was outstanding (calls to several
 * schedulers overlap; summing them would overstate the wait). What is left
 * of the request's time is the UI server's own, reported in Server-Timing.
 */
export class SchedulerClock {
  private outstanding = 0;
  private since = 0;
  private waitedMs = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Runs `call`, counting the time it is outstanding. */
  async time<T>(call: () => Promise<T>): Promise<T> {
    if (this.outstanding++ === 0) this.since = this.now();
    try {
      return await call();
    } finally {
      if (--this.outstanding === 0) this.waitedMs += this.now() - this.since;
    }
  }

  get waited(): number {
    return this.waitedMs;
  }
}
