/**
 * Decision-time benchmark: 10,000 rules for 1,000 people in 200 groups.
 *
 *   npx tsc -b packages/authz && node --expose-gc packages/authz/dist/src/bench/decide.js
 *
 * Measures compiling every workflow's policy from the files (first in the
 * process, and again as after a config change), then 100,000 random checks:
 * with Casbin deciding every one, and as the Authorizer makes them, where
 * each check is counted as cold (Casbin decided it: the first for its key)
 * or warm (a remembered decision). Compiling leaves nothing to build for a
 * check: a domain's policy set for any operation is read from its layers'
 * tables. Memory is the heap after a full collection when --expose-gc is
 * given.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Authorizer } from '../authorizer';
import { standardLocations } from '../config/locations';
import { OPERATIONS } from '../levels';
import { GROUPS, PEOPLE, people, pick, RULES, writeLayerFiles, type Person, type Workflow } from './fixture';

const CHECKS = 100_000;

interface Check {
  readonly who: Person;
  readonly where: Workflow;
  readonly operation: string;
}

const rows: [string, string][] = [];
const row = (label: string, value: string): number => rows.push([label, value]);
const elapsedMs = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e6;

function percentiles(times: number[]): string {
  if (times.length === 0) return 'none';
  const sorted = Float64Array.from(times).sort();
  const at = (fraction: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN).toFixed(2);
  return `${at(0.5)} / ${at(0.99)} / ${at(1)} µs (${sorted.length})`;
}

function heap(): string {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  const { heapUsed, rss } = process.memoryUsage();
  return `heap ${(heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(rss / 2 ** 20).toFixed(0)} MiB${collect === undefined ? ' (no --expose-gc)' : ''}`;
}

/** Times each check, telling Casbin's decisions (cold) from remembered ones (warm). */
function measure(authorizer: Authorizer, checks: readonly Check[], label: string): void {
  const cold: number[] = [];
  const warm: number[] = [];
  const all: number[] = [];
  for (const { who, where, operation } of checks) {
    const asked = authorizer.casbinDecisions;
    const before = process.hrtime.bigint();
    authorizer.decide(who.name, who.roles, where.owner, where.workflow, operation);
    const micros = Number(process.hrtime.bigint() - before) / 1000;
    all.push(micros);
    (authorizer.casbinDecisions === asked ? warm : cold).push(micros);
  }
  row(`${label}, every check: p50 / p99 / max`, percentiles(all));
  if (cold.length > 0 && warm.length > 0) {
    row(`${label}, cold (Casbin decides)`, percentiles(cold));
    row(`${label}, warm (remembered)`, percentiles(warm));
  }
}

function main(): void {
  const root = mkdtempSync(join(tmpdir(), 'isobar-authz-bench-'));
  try {
    const uid = process.getuid?.() ?? 0;
    const workflows = writeLayerFiles(root);
    const everyone = people();
    const locations = standardLocations((owner) => ({ uid, home: join(root, owner) }), join(root, 'site.yaml'));
    const make = (rememberDecisions: boolean): Authorizer =>
      new Authorizer({ locations, ownerUid: () => uid, recheckIntervalMs: 60_000, rememberDecisions });
    const compile = (authorizer: Authorizer): number => {
      const started = process.hrtime.bigint();
      for (const { owner, workflow } of workflows) authorizer.prepare(owner, workflow);
      return elapsedMs(started);
    };

    row('rules / people / groups / workflows', `${RULES} / ${PEOPLE} / ${GROUPS} / ${workflows.length}`);
    row('memory before compiling', heap());
    const casbinEveryTime = make(false);
    row('compile, first in the process (read + check + compile all layers)', `${compile(casbinEveryTime).toFixed(1)} ms`);
    const again: number[] = [];
    for (let round = 0; round < 5; round++) again.push(compile(make(false)));
    row('compile again (a config change), 5 runs', `${again.map((ms) => ms.toFixed(1)).join(' / ')} ms`);
    row('memory, compiled', heap());

    const checks: Check[] = Array.from({ length: CHECKS }, () => ({
      who: pick(everyone),
      where: pick(workflows),
      operation: pick(OPERATIONS),
    }));
    measure(casbinEveryTime, checks, 'Casbin on every check');
    const remembering = make(true);
    compile(remembering);
    measure(remembering, checks, 'Authorizer, first pass');
    measure(remembering, checks, 'Authorizer, second pass');
    row('decisions Casbin made for the Authorizer (cold keys)', String(remembering.casbinDecisions));
    row('memory, two authorizers after their checks', heap());

    const width = Math.max(...rows.map(([label]) => label.length));
    process.stdout.write(`${rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n')}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main();
