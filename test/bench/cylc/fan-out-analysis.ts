/**
 * Reads the fan-out recording once timing is over: per publication (t0)
 * and viewer, the first message after t0 (pairing.ts) gives the latency;
 * a viewer with none missed it; a viewer whose message differs from the
 * one most viewers got for that t0 received a later message instead.
 */
import { createHash } from 'node:crypto';
import { readMessage } from './delta-message';
import type { Arrival } from './delta-viewer';
import { firstArrivalAfter } from './pairing';

export interface FanOutAnalysis {
  /** Every (publication, viewer) latency. */
  readonly latencies: number[];
  /** Per publication: until the last viewer that got it had it. */
  readonly lastViewerLatencies: number[];
  readonly missing: number;
  readonly differing: number;
  readonly resets: number;
}

interface ViewerMessages {
  readonly times: number[];
  readonly digests: string[];
  readonly resets: number;
}

/** A viewer's `next` messages about `workflowId`. */
function viewerMessages(arrivals: readonly Arrival[], workflowId: string): ViewerMessages {
  const times: number[] = [];
  const digests: string[] = [];
  let resets = 0;
  for (const arrival of arrivals) {
    const message = readMessage(arrival.data);
    if (message.workflowId !== workflowId) continue;
    if (message.kind === 'reset') resets++;
    times.push(arrival.at);
    digests.push(createHash('sha1').update(arrival.data).digest('hex'));
  }
  return { times, digests, resets };
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}

/** `viewers`: each viewer's arrivals within the counted window (the reset on subscribing left out). */
export function analyseFanOut(
  published: readonly number[],
  viewers: ReadonlyArray<readonly Arrival[]>,
  workflowId: string,
): FanOutAnalysis {
  const perViewer = viewers.map((arrivals) => viewerMessages(arrivals, workflowId));
  const pairs = perViewer.map((v) => firstArrivalAfter(published, v.times));
  const latencies: number[] = [];
  const lastViewerLatencies: number[] = [];
  let missing = 0;
  let differing = 0;
  published.forEach((t0, d) => {
    const digests: string[] = [];
    let last = 0;
    perViewer.forEach((v, i) => {
      const index = pairs[i]![d];
      if (index === undefined) {
        missing++;
        return;
      }
      const latency = v.times[index]! - t0;
      latencies.push(latency);
      last = Math.max(last, latency);
      digests.push(v.digests[index]!);
    });
    const usual = mostCommon(digests);
    differing += digests.filter((digest) => digest !== usual).length;
    lastViewerLatencies.push(last);
  });
  return { latencies, lastViewerLatencies, missing, differing, resets: perViewer.reduce((sum, v) => sum + v.resets, 0) };
}
