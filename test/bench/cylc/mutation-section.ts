/** Section 6: what the UI server adds to a mutation's scheduler round trip. */
import { median, quantile } from '../stats';
import type { BenchContext } from './context';
import { fineMs } from './format';
import { measureMutationOverhead } from './mutation-overhead';
import { SETTINGS } from './settings';
import { HARMLESS_MUTATION } from './targets';

export const MUTATION_TITLE = '6. Mutation overhead';

function pair(values: readonly number[]): [string, string] {
  return [fineMs(median(values)), fineMs(quantile(values, 0.95))];
}

export async function mutationOverhead(ctx: BenchContext): Promise<void> {
  const m = await measureMutationOverhead(ctx.poster, SETTINGS.mutations);
  ctx.report.section(
    `${MUTATION_TITLE} (${m.overhead.length} mutations, one at a time, straight to the server)`,
    ['measure', 'p50', 'p95', 'goal', 'peer'],
    [
      ['UI server overhead = Server-Timing total − scheduler', ...pair(m.overhead), '≤ 5 ms p50', 'no figure'],
      ['waiting for the scheduler (Server-Timing scheduler)', ...pair(m.scheduler), '', ''],
      ['whole request in the server (Server-Timing total)', ...pair(m.total), '', ''],
      ['client round trip (reference)', ...pair(m.roundTrip), '', ''],
    ],
    [
      `Mutation: \`${HARMLESS_MUTATION}\` (the level the scheduler already has, so nothing changes; the scheduler logs each command). ` +
        'The scheduler answers requests about every 200 ms (its request loop sleeps 0.2 s), which dominates the round trip.',
      ...(m.failures > 0 ? [`${m.failures} failed; first: ${m.firstFailure}`] : []),
    ],
  );
}
