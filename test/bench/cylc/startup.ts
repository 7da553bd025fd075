/**
 * Start-up of the bundle as the launcher runs it: spawn → first HTTP
 * answer, and spawn → "workflows loaded" (running workflows visible), over
 * a series of starts after one uncounted warm-up (cold file cache), each
 * server killed before the next starts; and RSS 5 s after a start.
 */
import { sleep } from '../../lib/bed';
import { rssBytes } from '../rss';
import { OwnerServer } from './owner-server';

export interface StartupSeries {
  readonly owner: string;
  readonly listening: number[];
  readonly firstAnswer: number[];
  readonly loaded: number[];
  /** `running` of each "workflows loaded" line, to show what was loaded. */
  readonly runningSeen: number[];
  readonly failures: string[];
}

const LOADED_TIMEOUT_MS = 15_000;
/** Lets the previous server's exit finish before the next start is timed. */
const PAUSE_MS = 500;

async function timedStart(owner: string, hubVersion: string, into: StartupSeries): Promise<void> {
  const server = new OwnerServer(owner, hubVersion);
  try {
    const firstAnswer = await server.firstAnswerMs();
    const { atMs: listening } = await server.listening;
    const loaded = await server.loadedWithin(LOADED_TIMEOUT_MS);
    into.firstAnswer.push(firstAnswer);
    into.listening.push(listening);
    into.loaded.push(loaded.atMs);
    into.runningSeen.push(loaded.running);
  } catch (err) {
    into.failures.push(err instanceof Error ? err.message : String(err));
  } finally {
    await server.stop();
  }
}

export async function startupSeries(owner: string, hubVersion: string, count: number): Promise<StartupSeries> {
  const warmUp: StartupSeries = { owner, listening: [], firstAnswer: [], loaded: [], runningSeen: [], failures: [] };
  await timedStart(owner, hubVersion, warmUp);
  const series: StartupSeries = { owner, listening: [], firstAnswer: [], loaded: [], runningSeen: [], failures: warmUp.failures };
  for (let i = 0; i < count; i++) {
    await sleep(PAUSE_MS);
    await timedStart(owner, hubVersion, series);
  }
  return series;
}

/** RSS of a fresh server `afterMs` after its spawn (it has answered and loaded by then, or this throws). */
export async function rssAfterStart(owner: string, hubVersion: string, afterMs = 5000): Promise<number> {
  const server = new OwnerServer(owner, hubVersion);
  const spawnedAt = performance.now();
  try {
    await server.firstAnswerMs();
    await server.loadedWithin(afterMs);
    await sleep(Math.max(0, afterMs - (performance.now() - spawnedAt)));
    return rssBytes(server.pid);
  } finally {
    await server.stop();
  }
}
