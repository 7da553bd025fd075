/**
 * npm run bench: spawn benchmarks of Isobar side by side with the hub's own
 * LocalProcessSpawner + jupyterhub-singleuser, in the same run, on this
 * machine. Prints tables and writes test/bench/results.md.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_SITE, PUBLIC_URL, sleep, startHub, stopHub, writeSite } from '../lib/bed';
import { startDaemon } from '../lib/daemon';
import { personalToken } from '../lib/hub-api';
import { processes, uiServers } from '../lib/processes';
import { burst, daemonSeries, stopVia } from './daemon-spawns';
import { spawnOnce, spawnSeries, stopServer } from './hub-spawns';
import { describeMachine } from './machine';
import { PEER_URL, PEER_USER, startPeerHub } from './peer-hub';
import { rssBytes } from './rss';
import { mb, median, ms, quantile, table } from './stats';

const SPAWNS = Number(process.env.BENCH_SPAWNS ?? 20);
const BURST = Number(process.env.BENCH_BURST ?? 50);
const USERS = ['alice', 'bob', 'jacintar', 'atmosphere_stage', 'oceans_stage'];

async function idleRss(pids: () => number[], settleMs: number): Promise<number> {
  await sleep(settleMs);
  const [pid] = pids();
  if (pid === undefined) throw new Error('no process to measure');
  return rssBytes(pid);
}

async function main(): Promise<void> {
  const out: string[] = [];
  const say = (s: string) => {
    console.log(s);
    out.push(s);
  };
  say(`# Isobar benchmarks\n\nMachine: ${describeMachine()}\nDate: ${new Date().toISOString()}\n`);

  // --- 1. spawn through the real hub, Isobar and the peer --------------------------
  writeSite(E2E_SITE, { idleTimeout: 600, keepalive: 30, pollInterval: 30 });
  stopHub();
  startHub(E2E_SITE);
  const isobar = { baseUrl: PUBLIC_URL, token: await personalToken('alice'), user: 'alice' };
  await spawnOnce(isobar).then(() => stopServer(isobar)); // warm-up, not counted
  const isobarTimes = await spawnSeries(isobar, SPAWNS);
  await spawnOnce(isobar);
  const isobarRss = await idleRss(() => uiServers('alice').map((p) => p.pid), 5000);
  await stopServer(isobar);
  stopHub();

  const peer = await startPeerHub();
  const peerTarget = { baseUrl: PEER_URL, token: peer.token, user: PEER_USER };
  let peerTimes: number[] = [];
  let peerRss = NaN;
  try {
    await spawnOnce(peerTarget).then(() => stopServer(peerTarget));
    peerTimes = await spawnSeries(peerTarget, SPAWNS);
    await spawnOnce(peerTarget);
    peerRss = await idleRss(
      () =>
        processes()
          .filter((p) => p.user === PEER_USER && p.argv.some((a) => a.endsWith('jupyterhub-singleuser')))
          .map((p) => p.pid),
      5000,
    );
    await stopServer(peerTarget);
  } finally {
    await peer.stop();
  }

  say(`## Spawn, request to ready through the real hub (${SPAWNS} spawns each, same run)\n`);
  say(
    table(
      ['spawner', 'median', 'p95', 'ratio to peer median', 'goal'],
      [
        [
          'Isobar (SSH spawner → launcher → uiserver)',
          ms(median(isobarTimes)),
          ms(quantile(isobarTimes, 0.95)),
          (median(isobarTimes) / median(peerTimes)).toFixed(2),
          '≤ 0.25',
        ],
        ['peer: LocalProcessSpawner + jupyterhub-singleuser', ms(median(peerTimes)), ms(quantile(peerTimes, 0.95)), '1.00', ''],
      ],
    ) + '\n',
  );

  // --- 2. the daemon alone ----------------------------------------------------------
  const site = '/etc/isobar/site-bench.yaml';
  writeSite(site, { selector: 'least-loaded', daemonPort: 8769, connectionIdleTimeout: 0 });
  let daemon = await startDaemon(site, 8769);
  const cold = await daemonSeries(daemon, USERS, SPAWNS);
  await daemon.stop();
  writeSite(site, { selector: 'least-loaded', daemonPort: 8769, connectionIdleTimeout: 60 });
  daemon = await startDaemon(site, 8769);
  // One user, so its connection to each host is reused from the second spawn on.
  const warm = await daemonSeries(daemon, ['alice'], SPAWNS);
  say(`## The daemon alone: SSH connect + launch + port report (${SPAWNS} each)\n`);
  say(
    table(
      ['case', 'median', 'p95', 'goal'],
      [
        ['new SSH connection each spawn', ms(median(cold)), ms(quantile(cold, 0.95)), 'median ≤ 300 ms'],
        ['connection reused (kept 60 s)', ms(median(warm)), ms(quantile(warm, 0.95)), ''],
      ],
    ) + '\n',
  );

  // --- 3. a burst of concurrent spawns -------------------------------------------------
  const b = await burst(daemon, USERS, BURST);
  const counts = [...b.perHost.values()];
  const mean = counts.reduce((a, c) => a + c, 0) / Math.max(1, counts.length);
  const spread = counts.length ? Math.max(...counts.map((c) => Math.abs(c - mean) / mean)) : NaN;
  say(`## ${BURST} concurrent spawns across 3 hosts (least-loaded)\n`);
  say(
    table(
      ['succeeded', 'failed', 'median', 'p99', 'wall time', 'servers per host', 'largest deviation from mean', 'goal'],
      [
        [
          String(b.times.length),
          String(b.failures.length),
          ms(median(b.times)),
          ms(quantile(b.times, 0.99)),
          ms(b.wallMs),
          [...b.perHost.entries()]
            .sort()
            .map(([h, c]) => `${h}: ${c}`)
            .join(', '),
          `${(spread * 100).toFixed(0)} %`,
          'all succeed; within ±20 %',
        ],
      ],
    ) + '\n',
  );
  if (b.failures.length) say(`Failures: ${b.failures.slice(0, 5).join('; ')}\n`);
  await Promise.all(b.started.map((s) => stopVia(daemon, s.user, s.state, s.server)));
  await daemon.stop();

  // --- 4. memory -----------------------------------------------------------------------
  say('## Idle RSS of one server (measured 5 s after it answered, same run)\n');
  say(
    table(
      ['server', 'RSS', 'ratio to peer', 'goal'],
      [
        ['Isobar uiserver', mb(isobarRss), (isobarRss / peerRss).toFixed(2), '≤ 0.5'],
        ['peer: jupyterhub-singleuser', mb(peerRss), '1.00', ''],
      ],
    ) + '\n',
  );

  writeFileSync(join(__dirname, '..', '..', 'bench', 'results.md'), out.join('\n') + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
