/**
 * The names an expression may use: a host's metrics, two derived ratios, and
 * a few functions. Everything is a number.
 */
import type { HostCandidate } from '@isobar/core';

export const VARIABLES = [
  'load1',
  'load5',
  'load15',
  'cpus',
  'memAvailableBytes',
  'memTotalBytes',
  'uiservers',
  'pending',
  'loadPerCpu',
  'memAvailableFraction',
] as const;

export type VariableName = (typeof VARIABLES)[number];

export type Environment = Readonly<Record<VariableName, number>>;

export function isVariable(name: string): name is VariableName {
  return (VARIABLES as readonly string[]).includes(name);
}

export interface FunctionSpec {
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly apply: (args: readonly number[]) => number;
}

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  min: { minArgs: 1, maxArgs: Infinity, apply: (args) => Math.min(...args) },
  max: { minArgs: 1, maxArgs: Infinity, apply: (args) => Math.max(...args) },
  abs: { minArgs: 1, maxArgs: 1, apply: (args) => Math.abs(args[0] ?? NaN) },
};

export function functionSpec(name: string): FunctionSpec | undefined {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
}

/** The values of the names for one host, or undefined when its metrics are unknown. */
export function environmentOf(candidate: HostCandidate): Environment | undefined {
  const m = candidate.metrics;
  if (m === undefined) return undefined;
  return {
    load1: m.load1,
    load5: m.load5,
    load15: m.load15,
    cpus: m.cpus,
    memAvailableBytes: m.memAvailableBytes,
    memTotalBytes: m.memTotalBytes,
    uiservers: m.uiservers,
    pending: candidate.pending,
    // Ratios over zero are NaN, which fails every comparison and ranks last: an odd host is not preferred.
    loadPerCpu: m.cpus > 0 ? m.load1 / m.cpus : NaN,
    memAvailableFraction: m.memTotalBytes > 0 ? m.memAvailableBytes / m.memTotalBytes : NaN,
  };
}
