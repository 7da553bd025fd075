/**
 * Building blocks for selector plugins' tests: a plausible host and its
 * metrics, overridable field by field, so each test states only what matters.
 */
import type { HostCandidate, HostMetrics } from './selector';

export const GIB = 1024 ** 3;

/** A 4-CPU host with 16 GiB (8 available), load 1 and no UI servers, unless overridden. */
export function sampleMetrics(overrides: Partial<HostMetrics> = {}): HostMetrics {
  return { load1: 1, load5: 1, load15: 1, cpus: 4, memAvailableBytes: 8 * GIB, memTotalBytes: 16 * GIB, uiservers: 0, ...overrides };
}

export function sampleCandidate(name: string, metrics: HostMetrics | undefined, pending = 0): HostCandidate {
  return { name, address: `${name}.example`, metrics, pending };
}
