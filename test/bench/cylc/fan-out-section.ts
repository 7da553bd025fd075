/** Section 5: fan-out to many read-only websocket viewers of one workflow. */
import { median, quantile } from '../stats';
import type { BenchContext } from './context';
import { measureFanOut } from './fan-out';
import { fineMs, kb, megabytes } from './format';
import { SETTINGS } from './settings';

export const FAN_OUT_TITLE = '5. Fan-out';

export async function fanOut(ctx: BenchContext): Promise<void> {
  const f = await measureFanOut(ctx.owner.server, ctx.owner.cookie, SETTINGS.viewers, SETTINGS.fanOutWindowMs);
  const pairs = f.published * f.viewers;
  const perViewer = (f.rssWithViewers - f.rssBefore) / Math.max(1, f.viewers);
  ctx.report.section(
    `${FAN_OUT_TITLE} (${f.viewers} websocket viewers of clouds on one UI server, ${(SETTINGS.fanOutWindowMs / 1000).toFixed(0)} s, ${f.published} published deltas)`,
    ['measure', 'Isobar', 'goal', 'peer'],
    [
      ['arrival after publication, p50 over all (delta, viewer) pairs', fineMs(median(f.latencies)), '', 'no figure'],
      ['arrival after publication, p99 over all pairs', fineMs(quantile(f.latencies, 0.99)), '≤ 250 ms', 'no figure'],
      [
        'until the last viewer had it, p50 / p99 over deltas',
        `${fineMs(median(f.lastViewerLatencies))} / ${fineMs(quantile(f.lastViewerLatencies, 0.99))}`,
        '',
        '',
      ],
      ['(delta, viewer) pairs with no message after the delta', `${f.missing} of ${pairs}`, '0: every update reaches all', ''],
      ['(delta, viewer) pairs whose message differs from the one most viewers got', `${f.differing} of ${pairs}`, '0', ''],
      ['resets during the window (a skipped slow viewer) / viewers closed', `${f.resets} / ${f.closed}`, '0 / 0', ''],
      ['UI server RSS before → with the viewers', `${megabytes(f.rssBefore)} → ${megabytes(f.rssWithViewers)}`, '', ''],
      ['memory per viewer', kb(perViewer), '', 'no figure'],
    ],
    [
      `Viewers: raw \`ws\` clients speaking graphql-transport-ws (connection_init, subscribe to the same \`deltas\` document), straight to the server's ip:port; ` +
        `opened one after another in ${(f.openMs / 1000).toFixed(1)} s with ${f.sessions} session(s) (a further session is signed in through the hub only if the server refuses more sockets for one). ` +
        'Each publication (root-side SUB, t0) is paired, per viewer, with the first message that viewer received after t0, as in 4.',
      "All viewers live in this one process: a viewer's arrival time includes this process handing it the messages of the viewers before it, so the figures are an upper bound of the server's. " +
        'Memory per viewer = (RSS with the viewers, after the window − RSS before opening them) / viewers.',
    ],
  );
}
