/**
 * Decision-time benchmark: 10,000 rules for 1,000 people in 200 groups.
 *
 *   npx tsc -b packages/authz && node packages/authz/dist/src/bench/decide.js
 *
 * Writes the layer files to a temporary directory (site, 50 owners' configs,
 * 200 workflows' configs), then measures: compiling every workflow's policy
 * from the files; building the per-operation Casbin enforcers; decisions
 * made by Casbin every time (nothing remembered); and decisions as the
 * Authorizer makes them (each distinct answer remembered until a file
 * changes), over 100,000 random checks each.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Authorizer } from '../authorizer';
import { standardLocations } from '../config/locations';
import { OPERATIONS } from '../levels';

const PEOPLE = 1000;
const GROUPS = 200;
const OWNERS = 50;
const WORKFLOWS_PER_OWNER = 4;
const CHECKS = 100_000;
const SITE_RULES = 200;
const USER_RULES = 60; // per owner: 3,000
const WORKFLOW_RULES = 34; // per workflow: 6,800

/** A small deterministic generator, so that runs are comparable. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}
const next = random(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

const LISTS = ['[READ]', '[READ, stop, play]', '[CONTROL]', "[CONTROL, '!kill']", '[execute]', "['!stop']", '[]', '[READ, hold, release]'];
const person = (index: number): string => `person${index}`;
const group = (index: number): string => `group:g${index}`;

function subjectFor(index: number): string {
  return index % 3 === 0 ? person(Math.floor(next() * PEOPLE)) : group(Math.floor(next() * GROUPS));
}

function grantsFile(rules: number): string {
  const subjects = new Set<string>();
  while (subjects.size < rules) subjects.add(subjectFor(subjects.size));
  return `grants:\n${[...subjects].map((subject) => `  '${subject}': ${pick(LISTS)}`).join('\n')}\n`;
}

function siteFile(): string {
  const lines = ['owners:', "  '*':", "    '*':", '      default: [READ, stop, play]', '      limit: [READ, CONTROL]'];
  for (let index = 1; index < SITE_RULES; index++) {
    lines.push(`    '${group(index % GROUPS)}':`, `      default: ${pick(LISTS)}`, '      limit: [ALL]');
  }
  return `${lines.join('\n')}\n`;
}

function percentile(sorted: Float64Array, fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;
}

function main(): void {
  const root = mkdtempSync(join(tmpdir(), 'isobar-authz-bench-'));
  try {
    const uid = process.getuid?.() ?? 0;
    writeFileSync(join(root, 'site.yaml'), siteFile());
    const workflows: { owner: string; workflow: string }[] = [];
    for (let o = 0; o < OWNERS; o++) {
      const owner = `owner${o}`;
      const home = join(root, owner);
      mkdirSync(join(home, '.isobar'), { recursive: true });
      writeFileSync(join(home, '.isobar', 'authz.yaml'), grantsFile(USER_RULES));
      for (let w = 0; w < WORKFLOWS_PER_OWNER; w++) {
        const workflow = `flow${w}/run1`;
        mkdirSync(join(home, 'cylc-run', workflow, '.isobar'), { recursive: true });
        writeFileSync(join(home, 'cylc-run', workflow, '.isobar', 'authz.yaml'), grantsFile(WORKFLOW_RULES));
        workflows.push({ owner, workflow });
      }
    }
    const people = Array.from({ length: PEOPLE }, (_, index) => ({
      name: person(index),
      roles: [`g${Math.floor(next() * GROUPS)}`, `g${Math.floor(next() * GROUPS)}`],
    }));
    const rules = SITE_RULES + OWNERS * USER_RULES + OWNERS * WORKFLOWS_PER_OWNER * WORKFLOW_RULES;
    const locations = standardLocations((owner) => ({ uid, home: join(root, owner) }), join(root, 'site.yaml'));
    const make = (rememberDecisions: boolean): Authorizer =>
      new Authorizer({ locations, ownerUid: () => uid, recheckIntervalMs: 60_000, rememberDecisions });

    const rows: [string, string][] = [['rules / people / groups', `${rules} / ${PEOPLE} / ${GROUPS}`]];
    const casbinEveryTime = make(false);
    let started = process.hrtime.bigint();
    for (const { owner, workflow } of workflows) casbinEveryTime.prepare(owner, workflow);
    rows.push([
      'compile, first in the process (read + check + compile all layers)',
      `${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)} ms`,
    ]);
    // A config change recompiles in a process that has run before: measure that too.
    const recompiled = make(false);
    started = process.hrtime.bigint();
    for (const { owner, workflow } of workflows) recompiled.prepare(owner, workflow);
    rows.push(['compile again (a config change)', `${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)} ms`]);
    started = process.hrtime.bigint();
    for (const { owner, workflow } of workflows) casbinEveryTime.prepare(owner, workflow, true);
    const enforcers = workflows.length * OPERATIONS.length;
    rows.push([`build ${enforcers} enforcers (lazily, once each)`, `${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)} ms`]);

    const checks = Array.from({ length: CHECKS }, () => ({ who: pick(people), where: pick(workflows), operation: pick(OPERATIONS) }));
    const measure = (authorizer: Authorizer, label: string): void => {
      const times = new Float64Array(CHECKS);
      let allowed = 0;
      for (let i = 0; i < CHECKS; i++) {
        const { who, where, operation } = checks[i] ?? { who: people[0], where: workflows[0], operation: 'stop' };
        if (who === undefined || where === undefined) continue;
        const before = process.hrtime.bigint();
        if (authorizer.decide(who.name, who.roles, where.owner, where.workflow, operation).allowed) allowed++;
        times[i] = Number(process.hrtime.bigint() - before) / 1000;
      }
      times.sort();
      rows.push([
        `${label}: p50 / p99 / max (${CHECKS} checks, ${allowed} allowed)`,
        `${percentile(times, 0.5).toFixed(2)} / ${percentile(times, 0.99).toFixed(2)} / ${percentile(times, 1).toFixed(1)} µs`,
      ]);
    };
    measure(casbinEveryTime, 'Casbin on every check');
    const remembering = make(true);
    for (const { owner, workflow } of workflows) remembering.prepare(owner, workflow, true);
    measure(remembering, 'Authorizer, first pass');
    measure(remembering, 'Authorizer, second pass');

    const width = Math.max(...rows.map(([label]) => label.length));
    process.stdout.write(`${rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n')}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main();
