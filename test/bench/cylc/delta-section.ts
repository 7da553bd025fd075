/** Section 4: delta to browser, one websocket viewer. */
import { median, quantile } from '../stats';
import type { BenchContext } from './context';
import { measureDeltaLatency } from './delta-latency';
import { fineMs } from './format';
import { SETTINGS } from './settings';

export const DELTA_TITLE = '4. Delta to browser';

export async function deltaToBrowser(ctx: BenchContext): Promise<void> {
  const d = await measureDeltaLatency(ctx.owner.server, ctx.owner.cookie, SETTINGS.deltaWindowMs);
  const latency = (q: number): string => fineMs(quantile(d.latencies, q));
  ctx.report.section(
    `${DELTA_TITLE} (clouds, ${(d.durationMs / 1000).toFixed(0)} s, ${d.published} published deltas)`,
    ['measure', 'Isobar', 'goal', 'peer'],
    [
      ['p50', fineMs(median(d.latencies)), '', 'no figure'],
      ['p99', latency(0.99), '≤ 50 ms', 'no figure'],
      ['max', latency(1), '', ''],
      ['published deltas paired / unanswered', `${d.latencies.length} / ${d.unanswered}`, 'none unanswered', ''],
    ],
    [
      "How it is measured: a root-side CurveZMQ subscriber (`openWorkflowSubscriber`) on clouds' publish port notes when each `all` message " +
        "arrives (t0) — the UI server's own subscriber gets the same message from the same local socket at about the same moment. " +
        "At the same time one websocket (`graphql-transport-ws`, straight to the server's ip:port, the owner's session cookie) is subscribed to " +
        '`deltas(workflows: ["~atmosphere_stage/clouds/run1"])`. Each t0 is paired with the first websocket message for clouds that arrives after it; ' +
        'latency = arrival − t0, both taken in this one process (one clock). The reset sent on subscribing is not counted.',
      `The server coalesces a burst (~15 ms) into one message, so publications in one burst share a message (${d.coalesced} of ${d.published} did). ` +
        `A publication that produced no message of its own would be paired with the next message and show as a large latency. ` +
        `Websocket messages in the window: ${d.messages}, of which resets: ${d.resets}. Unanswered = no message at all after it within 2 s of the end.`,
    ],
  );
}
