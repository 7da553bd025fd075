/**
 * The benchmark's configuration: 10,000 rules (site 200, 50 owners × 60,
 * 200 workflows × 34) about 1,000 people each in 2 of 200 groups, written
 * as layer files under a temporary directory. Deterministic, so that runs
 * are comparable.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '@isobar/core';

export const PEOPLE = 1000;
export const GROUPS = 200;
const OWNERS = 50;
const WORKFLOWS_PER_OWNER = 4;
const SITE_RULES = 200;
const USER_RULES = 60; // per owner: 3,000
const WORKFLOW_RULES = 34; // per workflow: 6,800
export const RULES = SITE_RULES + OWNERS * USER_RULES + OWNERS * WORKFLOWS_PER_OWNER * WORKFLOW_RULES;

export const next = seededRandom(42);
export const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

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

export interface Workflow {
  readonly owner: string;
  readonly workflow: string;
}

export interface Person {
  readonly name: string;
  readonly roles: readonly string[];
}

/** Writes the site file (`root/site.yaml`) and every owner's home under `root`; returns the workflows. */
export function writeLayerFiles(root: string): Workflow[] {
  writeFileSync(join(root, 'site.yaml'), siteFile());
  const workflows: Workflow[] = [];
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
  return workflows;
}

export function people(): Person[] {
  return Array.from({ length: PEOPLE }, (_, index) => ({
    name: person(index),
    roles: [`g${Math.floor(next() * GROUPS)}`, `g${Math.floor(next() * GROUPS)}`],
  }));
}
