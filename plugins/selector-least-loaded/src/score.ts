/**
 * How loaded a host is. The weighted score decides; equal scores fall back
 * to a fixed chain (servers, load per CPU, free memory, name) so the order is
 * total and does not depend on the order the candidates came in.
 */
import type { HostCandidate, HostMetrics } from '@isobar/core';
import type { Weights } from './options';

export interface Load {
  /** UI servers running plus spawns this daemon has pending there. */
  readonly servers: number;
  readonly loadPerCpu: number;
  readonly memAvailableBytes: number;
  /** Memory in use as a fraction of the total, 0..1. */
  readonly memoryUsed: number;
}

export function loadOf(metrics: HostMetrics, pending: number): Load {
  // A host that reports no CPUs or no memory is treated as the worst case rather than dividing by zero.
  const cpus = metrics.cpus > 0 ? metrics.cpus : 1;
  const memoryUsed = metrics.memTotalBytes > 0 ? 1 - metrics.memAvailableBytes / metrics.memTotalBytes : 1;
  return {
    servers: metrics.uiservers + pending,
    loadPerCpu: metrics.load1 / cpus,
    memAvailableBytes: metrics.memAvailableBytes,
    memoryUsed: Math.min(1, Math.max(0, memoryUsed)),
  };
}

export function scoreOf(load: Load, weights: Weights): number {
  return weights.servers * load.servers + weights.load * load.loadPerCpu + weights.memory * load.memoryUsed;
}

interface Scored {
  readonly candidate: HostCandidate;
  /** Undefined for a host without metrics: it goes last. */
  readonly load: Load | undefined;
  readonly score: number;
}

/** Code-unit order, not locale order: the same on every host whatever its LANG. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareScored(a: Scored, b: Scored): number {
  if (a.load === undefined || b.load === undefined) {
    // Among themselves, hosts without metrics keep the configured order (the sort is stable).
    if (a.load !== b.load) return a.load === undefined ? 1 : -1;
    return 0;
  }
  return (
    a.score - b.score ||
    a.load.servers - b.load.servers ||
    a.load.loadPerCpu - b.load.loadPerCpu ||
    b.load.memAvailableBytes - a.load.memAvailableBytes ||
    byName(a.candidate.name, b.candidate.name)
  );
}

/** Least loaded first; hosts without metrics last (still tried: they may be fine). */
export function byLoad(candidates: readonly HostCandidate[], weights: Weights): HostCandidate[] {
  return candidates
    .map((candidate): Scored => {
      const load = candidate.metrics === undefined ? undefined : loadOf(candidate.metrics, candidate.pending);
      return { candidate, load, score: load === undefined ? Infinity : scoreOf(load, weights) };
    })
    .sort(compareScored)
    .map((scored) => scored.candidate);
}
