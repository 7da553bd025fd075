/**
 * Samples a process's RSS and the machine's load average once a second
 * while a measurement runs: one reading at the end would miss a peak, and
 * the peer's figures quote the load range during its run.
 */
import { loadavg } from 'node:os';
import { rssBytes } from '../rss';

export interface Samples {
  readonly rss: number[];
  /** 1-minute load average. */
  readonly load1: number[];
}

export class Sampler {
  private readonly samples: Samples = { rss: [], load1: [] };
  private readonly timer: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly pid: number,
    everyMs = 1000,
  ) {
    this.take();
    this.timer = setInterval(() => this.take(), everyMs);
  }

  private take(): void {
    try {
      this.samples.rss.push(rssBytes(this.pid));
    } catch {
      // The process is gone; its absence shows in the request failures.
    }
    this.samples.load1.push(loadavg()[0] ?? NaN);
  }

  /** Takes a last sample the first time; idempotent. */
  stop(): Samples {
    if (!this.stopped) {
      this.stopped = true;
      clearInterval(this.timer);
      this.take();
    }
    return this.samples;
  }
}
