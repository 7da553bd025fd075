/** How much each Cylc benchmark does; the environment can shorten a trial run. */
function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
}

export const SETTINGS = {
  reads: setting('BENCH_READS', 2000),
  readWarmUp: setting('BENCH_READ_WARMUP', 200),
  schedulerReads: setting('BENCH_SCHEDULER_READS', 20),
  extraWorkflows: setting('BENCH_EXTRA_WORKFLOWS', 9),
  /** After all 11 show running, so their schedulers are cycling and the load is what it will be. */
  busySettleMs: setting('BENCH_BUSY_SETTLE_MS', 15_000),
  starts: setting('BENCH_STARTS', 10),
  deltaWindowMs: setting('BENCH_DELTA_SECONDS', 60) * 1000,
  viewers: setting('BENCH_VIEWERS', 500),
  fanOutWindowMs: setting('BENCH_FANOUT_SECONDS', 60) * 1000,
  mutations: setting('BENCH_MUTATIONS', 50),
} as const;
