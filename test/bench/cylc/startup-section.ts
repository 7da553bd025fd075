/**
 * Section 3: start-up of the UI server bundle, started by this benchmark
 * as the launcher starts it; bob has no running workflow, the owner has
 * clouds running (winds stopped).
 */
import { median, quantile } from '../stats';
import type { BenchContext } from './context';
import { fineMs, megabytes } from './format';
import { PEER, PEER_NAME } from './peer-figures';
import { SETTINGS } from './settings';
import { rssAfterStart, startupSeries, type StartupSeries } from './startup';
import { OWNER } from './targets';

export const STARTUP_TITLE = '3. Start-up of the UI server';
const IDLE_OWNER = 'bob';

function timeRow(measure: string, who: string, times: readonly number[], goal: string, peer: string): string[] {
  return [measure, who, String(times.length), fineMs(median(times)), fineMs(quantile(times, 0.95)), goal, peer];
}

function failureNotes(series: StartupSeries): string[] {
  if (series.failures.length === 0) return [];
  return [`${series.owner}: ${series.failures.length} start(s) failed; first: ${series.failures[0]}`];
}

/** A failed RSS start is reported next to the figure instead of costing the start-up table. */
async function freshRss(owner: string, hubVersion: string): Promise<{ bytes: number; failure?: string }> {
  try {
    return { bytes: await rssAfterStart(owner, hubVersion) };
  } catch (err) {
    return { bytes: NaN, failure: `${owner}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export async function startup(ctx: BenchContext): Promise<void> {
  const idle = await startupSeries(IDLE_OWNER, ctx.hubVersion, SETTINGS.starts);
  const busy = await startupSeries(OWNER, ctx.hubVersion, SETTINGS.starts);
  const idleWho = `${IDLE_OWNER} (no running workflow)`;
  const busyWho = `${OWNER} (clouds running)`;
  ctx.report.section(
    `${STARTUP_TITLE} (${SETTINGS.starts} starts each after one uncounted, times from spawn)`,
    ['measure', 'owner', 'starts', 'median', 'p95', 'goal', PEER_NAME],
    [
      timeRow('first HTTP answer', idleWho, idle.firstAnswer, '≤ 250 ms', PEER.firstAnswer),
      timeRow('first HTTP answer', busyWho, busy.firstAnswer, '≤ 250 ms', PEER.firstAnswer),
      timeRow('running workflows visible ("workflows loaded")', busyWho, busy.loaded, '≤ 500 ms', PEER.workflowVisible),
      timeRow('"workflows loaded"', idleWho, idle.loaded, '', ''),
      timeRow('"listening" line on stdout', busyWho, busy.listening, '', ''),
    ],
    [
      'Each start: `setpriv --reuid=<owner> --regid=<owner> --init-groups env -i HOME=… PATH=… MALLOC_ARENA_MAX=2 node --max-semi-space-size=1 --heap-growing-percent=30 /opt/isobar/uiserver/dist/uiserver.js ' +
        '--isobar-uiserver --bind 127.0.0.2 --user <owner>` with a launch document on stdin (hubVersion given, a made-up token), ' +
        "as the launcher runs it but not detached (no `setsid --fork`), so its pid is the benchmark's to kill. " +
        'First HTTP answer: `GET <prefix>api/status` on a new connection as soon as the "listening" line gives the port; any status counts (401 without a session). ' +
        'Running workflows visible: the stderr line `workflows loaded`.',
      `"workflows loaded" reported running = ${[...new Set(busy.runningSeen)].join(', ') || 'n/a'} for ${OWNER}, ${[...new Set(idle.runningSeen)].join(', ') || 'n/a'} for ${IDLE_OWNER}.`,
      ...failureNotes(idle),
      ...failureNotes(busy),
    ],
  );
  const idleRss = await freshRss(IDLE_OWNER, ctx.hubVersion);
  const oneWorkflowRss = await freshRss(OWNER, ctx.hubVersion);
  ctx.report.section(
    'RSS of a fresh UI server, 5 s after spawn',
    ['server', 'RSS', 'goal', PEER_NAME],
    [
      [idleWho, megabytes(idleRss.bytes), '≤ 60 MB', PEER.rssIdle],
      [busyWho, megabytes(oneWorkflowRss.bytes), '', PEER.rssOneWorkflow],
    ],
    [idleRss.failure, oneWorkflowRss.failure].flatMap((f) => (f === undefined ? [] : [f])),
  );
}
