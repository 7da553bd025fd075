/**
 * One read-latency measurement as both read sections take it: the query
 * straight at the UI server, then through the hub's proxy, then straight
 * at the scheduler (reference), with the server's RSS and the machine's
 * load sampled throughout. Rows for the table are built here too, so both
 * sections show them alike.
 */
import { median, quantile } from '../stats';
import { fineMs } from './format';
import { TimedPoster } from './http-post';
import { PEER_NAME } from './peer-figures';
import { readSeries, type ReadSeries } from './read-latency';
import { Sampler, type Samples } from './sampler';
import { schedulerReadSeries } from './scheduler-reads';
import { SETTINGS } from './settings';
import type { SignedInOwner } from './signed-in-owner';
import { CLOUDS } from './targets';

export interface ReadMeasurement {
  readonly direct: ReadSeries;
  readonly viaHub: ReadSeries;
  readonly scheduler: { readonly times: number[]; readonly failures: number };
  readonly samples: Samples;
}

export const READ_HEADER = ['server and path', 'requests', 'p50', 'p99', 'goal', 'failures'];

export async function measureReads(owner: SignedInOwner): Promise<ReadMeasurement> {
  const direct = new TimedPoster(owner.direct);
  const viaHub = new TimedPoster(owner.viaHub);
  const sampler = new Sampler(owner.server.pid);
  try {
    const directSeries = await readSeries(direct, SETTINGS.reads, SETTINGS.readWarmUp);
    const hubSeries = await readSeries(viaHub, SETTINGS.reads, SETTINGS.readWarmUp);
    const scheduler = await schedulerReadSeries(CLOUDS, SETTINGS.schedulerReads);
    return { direct: directSeries, viaHub: hubSeries, scheduler, samples: sampler.stop() };
  } finally {
    sampler.stop();
    direct.close();
    viaHub.close();
  }
}

function row(name: string, times: readonly number[], failures: number, goal: string): string[] {
  return [name, String(times.length), fineMs(median(times)), fineMs(quantile(times, 0.99)), goal, String(failures)];
}

export function readRows(m: ReadMeasurement, directGoal: string, peer: { p50: string; p99: string }): string[][] {
  return [
    row('Isobar UI server, straight to its ip:port', m.direct.times, m.direct.failures, directGoal),
    row("Isobar UI server, through the hub's proxy", m.viaHub.times, m.viaHub.failures, '(adds the proxy)'),
    row('scheduler itself over CurveZMQ REQ (reference: a read forwarded to it)', m.scheduler.times, m.scheduler.failures, ''),
    [PEER_NAME, 'quoted', peer.p50, peer.p99, '', ''],
  ];
}
