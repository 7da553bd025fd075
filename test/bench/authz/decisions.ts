/**
 * The policy engine's decision benchmark (packages/authz/src/bench/decide.ts:
 * 10,000 rules, 1,000 people in 200 groups, Casbin deciding every check
 * side by side with the Authorizer), run a few times in fresh processes and
 * put side by side, one column a run.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import type { Report } from '../cylc/report';

export const DECISION_TITLE = 'Decision time: 10,000 rules, 1,000 people in 200 groups';
const DECIDE = join(__dirname, '..', '..', '..', '..', 'packages', 'authz', 'dist', 'src', 'bench', 'decide.js');
const RUNS = 3;
const run = promisify(execFile);

/** The bench prints `label   value` lines: label and value are separated by a run of spaces. */
function rowsOf(output: string): [string, string][] {
  return output
    .split('\n')
    .map((line) => /^(.*?\S)\s{2,}(\S.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[1] ?? '', match[2] ?? '']);
}

export async function decisionRuns(report: Report): Promise<void> {
  const runs: [string, string][][] = [];
  for (let index = 0; index < RUNS; index++) {
    const { stdout } = await run(process.execPath, ['--expose-gc', DECIDE], { encoding: 'utf8', timeout: 300_000 });
    runs.push(rowsOf(stdout));
  }
  const labels = runs[0]?.map(([label]) => label) ?? [];
  const rows = labels.map((label) => [label, ...runs.map((rows) => rows.find(([l]) => l === label)?.[1] ?? 'n/a')]);
  report.section(DECISION_TITLE, ['measure', ...runs.map((_, index) => `run ${index + 1}`)], rows, [
    'Goals: p99 ≤ 20 µs per check, policy compile ≤ 200 ms. Cold: the first check of its key, decided by Casbin; warm: a remembered decision. ' +
      '"Casbin on every check" is the engine alone, without the Authorizer\'s memory: the peer for the same rules.',
  ]);
}
