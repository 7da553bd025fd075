/** Section 1: the read query with one running workflow (clouds; winds stopped, its history still held). */
import type { BenchContext } from './context';
import { loadAverage, megabytes, peak } from './format';
import { PEER } from './peer-figures';
import { measureReads, READ_HEADER, readRows } from './read-measurement';
import { SETTINGS } from './settings';

export const ONE_WORKFLOW_TITLE = '1. Read query, one running workflow';

export async function readsWithOneWorkflow(ctx: BenchContext): Promise<void> {
  const m = await measureReads(ctx.owner);
  ctx.report.section(
    `${ONE_WORKFLOW_TITLE} (\`{ workflows { id status } taskProxies { id state } }\`, ${SETTINGS.reads} sequential requests after ${SETTINGS.readWarmUp} uncounted)`,
    READ_HEADER,
    readRows(m, 'p50 ≤ 1 ms, p99 ≤ 3 ms', PEER.readOneWorkflow),
    [
      `Workflows: clouds running, winds stopped (the server still answers with its history from the run database). ` +
        `Each answer: ${m.direct.taskProxies} task proxies, ${m.direct.answerBytes} bytes. ` +
        `Client: node:http over one kept-alive connection, time from writing the request to the answer's last byte.`,
      `UI server RSS during the series: ${megabytes(peak(m.samples.rss))} at most (peer, quoted: ${PEER.rssOneWorkflow} with one workflow). ` +
        `Load average (1 min) at the end: ${loadAverage(m.samples.load1.slice(-1))}.`,
    ],
  );
}
