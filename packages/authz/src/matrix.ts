/**
 * "Who can do what" on one workflow: a row for every subject its rules name
 * (and everyone else), so an owner does not have to guess what their config
 * and the site's add up to. A role's row is for a member who has no other
 * named role; a person's row ignores any roles they may have.
 */
import type { Authorizer } from './authorizer';
import { LEVELS, OPERATION_LEVELS, OPERATIONS, type Level, type Operation } from './levels';
import { displaySubject, EVERYONE } from './subjects';

export interface MatrixRow {
  /** As a config writes it: `alice`, `role:ops`, `*`. */
  readonly subject: string;
  readonly maxLevel: Level | undefined;
  readonly allowed: readonly Operation[];
}

/** A stand-in person and roles that match exactly `subject` (and `*`). */
function standIn(subject: string): { person: string; roles: string[] } {
  if (subject === EVERYONE) return { person: '(anyone else)', roles: [] };
  if (subject.startsWith('role:')) return { person: `(member of ${subject})`, roles: [subject] };
  return { person: subject.slice('user:'.length), roles: [] };
}

export function permissionMatrix(authorizer: Authorizer, owner: string, workflow: string): MatrixRow[] {
  return authorizer.namedSubjects(owner, workflow).map((subject) => {
    const { person, roles } = standIn(subject);
    return {
      subject: displaySubject(subject),
      maxLevel: authorizer.maxLevel(person, roles, owner, workflow),
      allowed: authorizer.allowedOperations(person, roles, owner, workflow),
    };
  });
}

/** Per level: "all", "none" or the allowed operations. */
function summarise(allowed: ReadonlySet<Operation>, level: Level): string {
  const ofLevel = OPERATIONS.filter((operation) => OPERATION_LEVELS[operation] === level);
  const granted = ofLevel.filter((operation) => allowed.has(operation));
  if (granted.length === ofLevel.length) return 'all';
  if (granted.length === 0) return 'none';
  return granted.join(' ');
}

export function formatMatrix(rows: readonly MatrixRow[]): string {
  const width = Math.max(7, ...rows.map((row) => row.subject.length));
  const lines = [`${'subject'.padEnd(width)}  ${LEVELS.map((level) => level).join(' | ')}`];
  for (const row of rows) {
    const allowed = new Set(row.allowed);
    const cells = LEVELS.map((level) => `${level}: ${summarise(allowed, level)}`);
    lines.push(`${row.subject.padEnd(width)}  ${cells.join(' | ')}`);
  }
  return lines.join('\n');
}
