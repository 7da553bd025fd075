/**
 * Latest metrics of each host, fetched from the launcher as the metrics
 * account. Between fetches the daemon adds the servers it has started itself,
 * so a burst of spawns sees its own effect instead of piling onto one host.
 */
import type { HostMetrics } from '@isobar/core';
import type { SshExecutor, SshHost } from './ssh-pool';
import { callLauncher } from './remote';

interface Entry {
  metrics: HostMetrics;
  fetchedAt: number;
  startedSince: number;
}

const METRIC_KEYS = ['load1', 'load5', 'load15', 'cpus', 'memAvailableBytes', 'memTotalBytes', 'uiservers'] as const;

export function validateMetrics(doc: Record<string, unknown>): HostMetrics {
  const out: Partial<Record<(typeof METRIC_KEYS)[number], number>> = {};
  for (const key of METRIC_KEYS) {
    const v = doc[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`launcher metrics: "${key}" is not a non-negative number`);
    out[key] = v;
  }
  return out as HostMetrics;
}

export class MetricsCache {
  private readonly entries = new Map<string, Entry>();
  /** One fetch per host at a time: a burst of spawns shares it instead of flooding the host. */
  private readonly inFlight = new Map<string, Promise<HostMetrics>>();

  constructor(
    private readonly pool: SshExecutor,
    private readonly metricsUser: string,
    private readonly maxAgeMs: number,
    private readonly timeoutMs: number,
  ) {}

  /** Metrics as the selector should see them, or undefined if unknown. */
  current(host: string): HostMetrics | undefined {
    const entry = this.entries.get(host);
    if (!entry) return undefined;
    return { ...entry.metrics, uiservers: entry.metrics.uiservers + entry.startedSince };
  }

  noteStarted(host: string): void {
    const entry = this.entries.get(host);
    if (entry) entry.startedSince++;
  }

  isFresh(host: string): boolean {
    const entry = this.entries.get(host);
    return entry !== undefined && Date.now() - entry.fetchedAt < this.maxAgeMs;
  }

  fetch(host: SshHost): Promise<HostMetrics> {
    let pending = this.inFlight.get(host.name);
    if (!pending) {
      pending = this.fetchOnce(host).finally(() => this.inFlight.delete(host.name));
      this.inFlight.set(host.name, pending);
    }
    return pending;
  }

  private async fetchOnce(host: SshHost): Promise<HostMetrics> {
    const doc = await callLauncher(this.pool, host, this.metricsUser, 'metrics', undefined, this.timeoutMs);
    const metrics = validateMetrics(doc);
    this.entries.set(host.name, { metrics, fetchedAt: Date.now(), startedSince: 0 });
    return metrics;
  }
}
