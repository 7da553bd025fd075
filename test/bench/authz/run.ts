/**
 * npm run bench:authz: the policy engine's decision time (packages/authz's
 * bench, Casbin on every check side by side with the Authorizer), then how
 * long raising privileges takes on the real test bed (hub, hub-service,
 * sshd, UI server, Chromium), next to the hub's own authenticator checking
 * the same password and the hub's own login form, in the same run. Prints
 * tables and writes test/bench/authz-results.md.
 */
import { join } from 'node:path';
import { loginInBrowser, openBrowser } from '../../lib/browser';
import { freshPausedWorkflows, stopWorkflows } from '../../lib/cylc';
import { runBenchmark, startBenchHub } from '../bench-main';
import { Report, attempt } from '../cylc/report';
import { describeMachine } from '../machine';
import { ms, quantile } from '../stats';
import { dropToRead, elevateOnce, openAtRead } from './browser-elevation';
import { DECISION_TITLE, decisionRuns } from './decisions';
import { timeHubLogin, timeTokenCheck } from './hub-authenticator';

const RESULTS_FILE = join(__dirname, '..', '..', '..', 'bench', 'authz-results.md');
const PERSON = 'jacintar';
const OWNER = 'atmosphere_stage';
const CLOUDS = `~${OWNER}/clouds/run1`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const TITLE = 'Elevation: password submit to an elevated, working page';

const summary = (values: readonly number[]): string[] => [ms(quantile(values, 0.5)), ms(quantile(values, 0.95)), ms(Math.max(...values))];

async function elevationRounds(report: Report): Promise<void> {
  const browser = await openBrowser();
  const total: number[] = [];
  const redirect: number[] = [];
  const authenticator: number[] = [];
  const login: number[] = [];
  try {
    const page = await browser.context.newPage();
    await loginInBrowser(page, PERSON);
    await openAtRead(page, OWNER, CLOUDS);
    // One round unmeasured: the first start of everything (the UI server, the hub-service's sign-in).
    await elevateOnce(page, PERSON, OWNER);
    await dropToRead(page);
    for (let round = 0; round < ROUNDS; round++) {
      const measured = await elevateOnce(page, PERSON, OWNER);
      total.push(measured.totalMs);
      redirect.push(measured.redirectMs);
      await dropToRead(page);
      // Interleaved, so both see the same machine.
      authenticator.push(await timeTokenCheck(PERSON));
      login.push(await timeHubLogin(PERSON));
    }
  } finally {
    await browser.close();
  }
  report.section(
    TITLE,
    ['measure', 'p50', 'p95', 'max'],
    [
      ['Isobar: submit → elevated page offering actions (goal ≤ 500 ms)', ...summary(total)],
      ['  of which submit → UI server page requested (hub-service, password check included)', ...summary(redirect)],
      ["the hub's authenticator alone: POST /hub/api/users/{name}/tokens with the password (PAM)", ...summary(authenticator)],
      ["peer: the hub's own login form, POST /hub/login to its redirect", ...summary(login)],
    ],
    [
      `${ROUNDS} rounds in one Chromium page (plus one unmeasured), ${PERSON} raising to execute on ${OWNER}'s clouds; each round drops to read again. ` +
        'The authenticator and login figures are taken between rounds, on the same machine in the same run.',
    ],
  );
}

async function main(): Promise<void> {
  const report = new Report();
  report.say(`# Isobar: authorization benchmarks\n\nMachine: ${describeMachine()}\nDate: ${new Date().toISOString()}\n`);
  // First, on a quiet machine: no hub, no browser yet.
  await attempt(report, DECISION_TITLE, () => decisionRuns(report));
  startBenchHub();
  freshPausedWorkflows('clouds');
  try {
    await attempt(report, TITLE, () => elevationRounds(report));
  } finally {
    stopWorkflows('clouds');
    report.write(RESULTS_FILE);
  }
}

runBenchmark(main);
