/**
 * Sequential read queries against one address: a warm-up (JIT, caches,
 * the kept-alive socket) that is not counted, then `count` timed requests
 * one after the other, each answer checked (200, `taskProxies` present), so
 * a fast error can never pass for a fast read.
 */
import { dataOf, listLength } from './graphql-reply';
import type { TimedPoster } from './http-post';
import { READ_QUERY } from './targets';

export interface ReadSeries {
  readonly times: number[];
  readonly failures: number;
  /** Task proxies in the last good answer: the size of what was read. */
  readonly taskProxies: number;
  readonly answerBytes: number;
}

export async function readSeries(poster: TimedPoster, count: number, warmUp: number): Promise<ReadSeries> {
  for (let i = 0; i < warmUp; i++) await poster.post({ query: READ_QUERY });
  const times: number[] = [];
  let failures = 0;
  let taskProxies = 0;
  let answerBytes = 0;
  for (let i = 0; i < count; i++) {
    const reply = await poster.post({ query: READ_QUERY });
    const tasks = reply.status === 200 ? listLength(dataOf(reply.body), 'taskProxies') : undefined;
    if (tasks === undefined) {
      failures++;
      continue;
    }
    times.push(reply.elapsedMs);
    taskProxies = tasks;
    answerBytes = Buffer.byteLength(reply.body);
  }
  return { times, failures, taskProxies, answerBytes };
}
