/**
 * Waits until the UI server itself reports the workflows a measurement
 * needs: the server scans `~/cylc-run` every 2 s and connects to each
 * scheduler, so a `cylc play` is not visible at once.
 */
import { waitFor } from '../../lib/bed';
import { dataOf, workflowRows, type WorkflowRow } from './graphql-reply';
import type { TimedPoster } from './http-post';

export async function serverWorkflows(poster: TimedPoster): Promise<WorkflowRow[]> {
  const reply = await poster.post({ query: '{ workflows { id status } }' });
  if (reply.status !== 200) throw new Error(`workflows query: HTTP ${reply.status} ${reply.body.slice(0, 200)}`);
  return workflowRows(dataOf(reply.body));
}

export function runningIds(rows: readonly WorkflowRow[]): string[] {
  return rows.filter((w) => w.status === 'running').map((w) => w.id);
}

/** Resolves once exactly `expected` are running (others may be stopped). */
export async function waitForRunning(poster: TimedPoster, expected: readonly string[], timeoutMs = 120_000): Promise<void> {
  const want = [...expected].sort().join(' ');
  await waitFor(
    `the UI server to show running exactly: ${want}`,
    async () =>
      runningIds(await serverWorkflows(poster))
        .sort()
        .join(' ') === want
        ? true
        : undefined,
    timeoutMs,
    500,
  );
}
