/**
 * Mutation overhead: what the UI server adds on top of the scheduler's own
 * round trip. The server reports both in its `Server-Timing` header
 * (`scheduler;dur=` waiting for the scheduler, `total;dur=` the whole
 * request), so overhead = total − scheduler needs no clock shared between
 * processes. The client-side round trip is kept as a reference. The
 * mutation sets the verbosity the scheduler already has, so it changes
 * nothing; each is sent and answered before the next.
 */
import { dataOf } from './graphql-reply';
import type { TimedPoster } from './http-post';
import { serverTimings } from './server-timing';
import { HARMLESS_MUTATION } from './targets';

export interface MutationOverhead {
  readonly overhead: number[];
  readonly scheduler: number[];
  readonly total: number[];
  readonly roundTrip: number[];
  readonly failures: number;
  readonly firstFailure: string | undefined;
}

const WARM_UP = 3;

export async function measureMutationOverhead(poster: TimedPoster, count: number): Promise<MutationOverhead> {
  for (let i = 0; i < WARM_UP; i++) await poster.post({ query: HARMLESS_MUTATION });
  const overhead: number[] = [];
  const scheduler: number[] = [];
  const total: number[] = [];
  const roundTrip: number[] = [];
  const failures: string[] = [];
  for (let i = 0; i < count; i++) {
    const reply = await poster.post({ query: HARMLESS_MUTATION });
    if (reply.status !== 200 || dataOf(reply.body) === undefined) {
      failures.push(`HTTP ${reply.status}: ${reply.body.slice(0, 200)}`);
      continue;
    }
    const timings = serverTimings(reply.headers['server-timing']);
    const waited = timings.get('scheduler');
    const whole = timings.get('total');
    if (waited === undefined || whole === undefined) {
      failures.push(`no scheduler/total in Server-Timing: ${JSON.stringify(reply.headers['server-timing'] ?? null)}`);
      continue;
    }
    overhead.push(whole - waited);
    scheduler.push(waited);
    total.push(whole);
    roundTrip.push(reply.elapsedMs);
  }
  return { overhead, scheduler, total, roundTrip, failures: failures.length, firstFailure: failures[0] };
}
