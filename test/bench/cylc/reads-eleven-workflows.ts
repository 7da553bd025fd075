/**
 * Section 2: the read query with 11 running workflows of the owner
 * (clouds, winds and nine copies of clouds), the machine as busy as their
 * schedulers and jobs make it. The copies are removed again whatever happens.
 */
import { freshWorkflows, stopWorkflows } from '../../lib/cylc';
import { sleep } from '../../lib/bed';
import type { BenchContext } from './context';
import { extraWorkflowNames, playExtraWorkflows, removeExtraWorkflows, workflowId } from './extra-workflows';
import { loadAverage, megabytes, peak, range } from './format';
import { PEER, PEER_NAME } from './peer-figures';
import { measureReads, READ_HEADER, readRows } from './read-measurement';
import { SETTINGS } from './settings';
import { CLOUDS_ID, WINDS, WINDS_ID } from './targets';
import { waitForRunning } from './workflow-status';

export const ELEVEN_WORKFLOWS_TITLE = '2. Read query, 11 running workflows of one owner';

export async function readsWithElevenWorkflows(ctx: BenchContext): Promise<void> {
  const extras = extraWorkflowNames(SETTINGS.extraWorkflows);
  const running = [CLOUDS_ID, WINDS_ID, ...extras.map(workflowId)];
  try {
    // Afresh, so it is run1 whatever an earlier run left.
    freshWorkflows(WINDS);
    playExtraWorkflows(extras);
    await waitForRunning(ctx.poster, running, 240_000);
    await sleep(SETTINGS.busySettleMs);
    const m = await measureReads(ctx.owner);
    ctx.report.section(
      `${ELEVEN_WORKFLOWS_TITLE} (${running.length} running: clouds, winds, ${extras.length} copies of clouds; same query and series as 1)`,
      READ_HEADER,
      readRows(m, 'p99 ≤ 100 ms', PEER.readElevenWorkflows),
      [`Each answer: ${m.direct.taskProxies} task proxies, ${m.direct.answerBytes} bytes.`],
    );
    ctx.report.section(
      'UI server memory and machine load during the 11-workflow series',
      ['measure', 'Isobar', 'goal', PEER_NAME],
      [
        ['UI server RSS, highest sample (1/s)', megabytes(peak(m.samples.rss)), '≤ 75 MB', PEER.rssElevenWorkflows],
        ['load average (1 min), range of samples', range(m.samples.load1, 2), '', PEER.readElevenWorkflows.load],
        ['load average (1 min) at the end', loadAverage(m.samples.load1.slice(-1)), '', ''],
      ],
      [`The load comes from the ${running.length} schedulers and their jobs; the same machine runs the hub, its proxy and this benchmark.`],
    );
  } finally {
    await removeExtraWorkflows();
    stopWorkflows(WINDS);
    await waitForRunning(ctx.poster, [CLOUDS_ID]);
  }
}
