/**
 * Fan-out: many read-only viewers of one workflow on one UI server. All
 * viewers subscribe to the same document (so the server executes it once
 * per burst and sends the same bytes to each). For each delta the
 * scheduler publishes (root-side t0), each viewer's first message after t0
 * is its arrival for that delta, as in delta-latency.ts.
 *
 * Every update reaching every viewer is checked three ways: a viewer with
 * no message at all after a t0 (before the end) missed it; a viewer whose
 * message for a t0 differs from the one most viewers got for it received
 * a later message instead (it missed one, or was far behind); and a reset
 * or a close during the window means the server skipped or dropped it.
 *
 * All arrivals are taken in this one process, so a viewer's time includes
 * this process handing it the messages of the viewers before it; the
 * figures are an upper bound of the server's own.
 */
import { sleep } from '../../lib/bed';
import { rssBytes } from '../rss';
import { DeltaViewer, UpgradeRefused } from './delta-viewer';
import { websocketUrl } from './delta-latency';
import type { ServerAddress } from './direct-address';
import { analyseFanOut, type FanOutAnalysis } from './fan-out-analysis';
import { PublishedDeltas } from './published-deltas';
import { CLOUDS, CLOUDS_ID, DELTAS_SUBSCRIPTION } from './targets';
import { ViewerSessions } from './viewer-sessions';

export interface FanOut extends FanOutAnalysis {
  readonly viewers: number;
  readonly sessions: number;
  readonly published: number;
  readonly closed: number;
  readonly rssBefore: number;
  readonly rssWithViewers: number;
  readonly openMs: number;
}

const SETTLE_MS = 2000;
const DRAIN_MS = 3000;

/** Opens viewers into `viewers` (the caller's, so that those opened before a failure are still closed). */
async function openViewers(server: ServerAddress, sessions: ViewerSessions, count: number, viewers: DeltaViewer[]): Promise<void> {
  const url = websocketUrl(server);
  // One at a time: opening is not what is measured, and a refusal then clearly belongs to one session.
  while (viewers.length < count) {
    try {
      viewers.push(await DeltaViewer.open(url, sessions.current, DELTAS_SUBSCRIPTION));
      sessions.noteOpened();
    } catch (err) {
      if (!(err instanceof UpgradeRefused && err.status === 429)) throw err;
      await sessions.another();
    }
  }
}

export async function measureFanOut(server: ServerAddress, cookie: string, count: number, durationMs: number): Promise<FanOut> {
  const sessions = new ViewerSessions(cookie);
  const published = await PublishedDeltas.open(CLOUDS);
  const viewers: DeltaViewer[] = [];
  try {
    await sleep(SETTLE_MS);
    const rssBefore = rssBytes(server.pid);
    const openStarted = performance.now();
    await openViewers(server, sessions, count, viewers);
    const openMs = performance.now() - openStarted;
    await sleep(SETTLE_MS);
    const firstCounted = viewers.map((v) => v.arrivals.length);
    published.startRecording();
    await sleep(durationMs);
    published.stopRecording();
    await sleep(DRAIN_MS);
    const rssWithViewers = rssBytes(server.pid);

    const counted = viewers.map((v, i) => v.arrivals.slice(firstCounted[i]));
    const analysis = analyseFanOut(published.times, counted, CLOUDS_ID);
    return {
      viewers: viewers.length,
      sessions: sessions.count,
      published: published.times.length,
      ...analysis,
      closed: viewers.filter((v) => v.closed !== undefined).length,
      rssBefore,
      rssWithViewers,
      openMs,
    };
  } finally {
    await Promise.all(viewers.map((v) => v.close()));
    await published.close();
  }
}
