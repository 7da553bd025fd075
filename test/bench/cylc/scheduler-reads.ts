/**
 * The same read query sent straight to a scheduler with the REQ client, as
 * root (who can read the owner's CURVE keys): the reference for what a UI
 * server that forwarded reads would cost (the scheduler answers about every
 * 200 ms), measured in the same run.
 */
import { openWorkflowClient } from '@isobar/cylc-client';
import { runDir } from '../../lib/cylc';
import { OWNER, READ_QUERY } from './targets';

export async function schedulerReadSeries(workflow: string, count: number): Promise<{ times: number[]; failures: number }> {
  const { client } = await openWorkflowClient(runDir(OWNER, workflow));
  const times: number[] = [];
  let failures = 0;
  try {
    // One unmeasured request: the first pays the CURVE handshake.
    await client.graphql(READ_QUERY, {}, OWNER);
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      try {
        await client.graphql(READ_QUERY, {}, OWNER);
        times.push(performance.now() - started);
      } catch {
        failures++;
      }
    }
  } finally {
    client.close();
  }
  return { times, failures };
}
