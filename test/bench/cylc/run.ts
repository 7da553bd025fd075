/**
 * npm run bench:cylc: the UI server's Cylc side on the real test bed — reads
 * from its store (one and 11 running workflows), start-up, delta to
 * browser, fan-out to 500 viewers and mutation overhead, all in one run on
 * this machine. Prints tables and writes test/bench/cylc-results.md.
 *
 * Order matters: the read figures come first, from a server that has not
 * yet held 500 sockets (its heap would not shrink back); the 11-workflow
 * load is gone before the latency sections; the start-ups come last, as
 * they add servers of the same owner.
 */
import { join } from 'node:path';
import { bed, E2E_SITE, startHub, stopHub, writeSite } from '../../lib/bed';
import { freshWorkflows, stopWorkflows } from '../../lib/cylc';
import { describeMachine } from '../machine';
import type { BenchContext } from './context';
import { DELTA_TITLE, deltaToBrowser } from './delta-section';
import { removeExtraWorkflows } from './extra-workflows';
import { FAN_OUT_TITLE, fanOut } from './fan-out-section';
import { TimedPoster } from './http-post';
import { installedHubVersion } from './launch-document';
import { MUTATION_TITLE, mutationOverhead } from './mutation-section';
import { ELEVEN_WORKFLOWS_TITLE, readsWithElevenWorkflows } from './reads-eleven-workflows';
import { ONE_WORKFLOW_TITLE, readsWithOneWorkflow } from './reads-one-workflow';
import { attempt, Report } from './report';
import { signInOwner } from './signed-in-owner';
import { STARTUP_TITLE, startup } from './startup-section';
import { CLOUDS, CLOUDS_ID, OWNER, WINDS } from './targets';
import { waitForRunning } from './workflow-status';

const RESULTS_FILE = join(__dirname, '..', '..', '..', 'bench', 'cylc-results.md');

async function main(): Promise<void> {
  const report = new Report();
  const cylcVersion = bed('cylc.sh', ['as', OWNER, 'cylc', 'version']).trim();
  report.say(
    `# Isobar UI server: Cylc benchmarks\n\nMachine: ${describeMachine()}, cylc-flow ${cylcVersion}\nDate: ${new Date().toISOString()}\n`,
  );

  // No idle shutdown during the run: the owner's server must be the same process throughout.
  writeSite(E2E_SITE, { idleTimeout: 3600, keepalive: 30, pollInterval: 30 });
  stopHub();
  startHub(E2E_SITE);
  await removeExtraWorkflows();
  stopWorkflows(WINDS);
  freshWorkflows(CLOUDS);

  const owner = await signInOwner();
  const ctx: BenchContext = { report, owner, poster: new TimedPoster(owner.direct), hubVersion: installedHubVersion() };
  try {
    await waitForRunning(ctx.poster, [CLOUDS_ID]);
    await attempt(report, ONE_WORKFLOW_TITLE, () => readsWithOneWorkflow(ctx));
    await attempt(report, ELEVEN_WORKFLOWS_TITLE, () => readsWithElevenWorkflows(ctx));
    await attempt(report, DELTA_TITLE, () => deltaToBrowser(ctx));
    await attempt(report, FAN_OUT_TITLE, () => fanOut(ctx));
    await attempt(report, MUTATION_TITLE, () => mutationOverhead(ctx));
    await attempt(report, STARTUP_TITLE, () => startup(ctx));
  } finally {
    ctx.poster.close();
    await removeExtraWorkflows();
    report.write(RESULTS_FILE);
  }
}

main().then(
  // The results are written: a socket some library keeps alive must not hold the run.
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
