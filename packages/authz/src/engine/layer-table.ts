/**
 * One layer's rules, compiled once per file read and shared by every domain
 * it applies to (the site's by all owners without entries of their own, an
 * owner's by all their workflows): for each subject the rules name, what
 * they say about every operation, as bytes in one array.
 *
 * Why bytes: the first decision for a key is made when little of its
 * domain is in the processor's caches (decisions after it are remembered),
 * and each object it follows is a read from memory that the next read waits
 * for. Here finding a subject is a probe or two into an array of numbers
 * (subject-index.ts), and what its rules say about an operation is one byte
 * in a row that lies in one cache line.
 *
 * A subject can be named twice (`group:ops` and `role:ops`): it is in a
 * bucket if any of its rules puts it there. A rule negating an operation is
 * in no grant bucket for it.
 */
import type { GrantRule, RuleSource } from '../config/types';
import type { Operation } from '../levels';
import { OPERATION_COUNT, operationIndex } from './operation-index';
import { rowIn, subjectIndex, type SubjectIndex } from './subject-index';
import type { SubjectIds } from './subject-ids';

/** What a subject's rules say about an operation, as bits of its byte. */
export const NEGATES = 1;
export const GRANTS = 2;
/** The last byte of a subject's row: its list replaces the layer above (for every operation alike). */
const REPLACES = 1;
const ROW = OPERATION_COUNT + 1;

export type RuleKind = 'deny' | 'allow' | 'replaced';

/** Whether a rule puts its subject in a bucket of that kind, for the operation. */
function puts(rule: GrantRule, kind: RuleKind, operation: Operation): boolean {
  if (kind === 'replaced') return rule.replaces;
  if (rule.denied.has(operation)) return kind === 'deny';
  return kind === 'allow' && rule.granted.has(operation);
}

export class LayerTable {
  /** Every subject the layer's rules name, in the order written. */
  readonly subjects: readonly string[];
  private readonly index: SubjectIndex;
  /** Row (subject) × ROW: per operation NEGATES | GRANTS, then REPLACES. */
  private readonly said: Uint8Array;
  /** Per operation: what any subject's rules say (which buckets are not empty), then whether any replaces. */
  private readonly anySaid = new Uint8Array(ROW);
  /** Per row: the subject's rules, in the order written. */
  private readonly rules: GrantRule[][] = [];

  constructor(rules: readonly GrantRule[], ids: SubjectIds) {
    const rows = new Map<string, number>();
    for (const rule of rules) {
      let row = rows.get(rule.subject);
      if (row === undefined) {
        row = rows.size;
        rows.set(rule.subject, row);
        this.rules.push([]);
      }
      this.rules[row]?.push(rule);
    }
    this.subjects = [...rows.keys()];
    this.index = subjectIndex(this.subjects.map((subject) => ids.intern(subject)));
    // Written in plain loops over local arrays: most of it runs before the compiler has optimised it.
    const said = new Uint8Array(rows.size * ROW);
    const anySaid = this.anySaid;
    for (let row = 0; row < this.rules.length; row++) {
      for (const rule of this.rules[row] ?? []) {
        if (rule.replaces) said[row * ROW + OPERATION_COUNT] = REPLACES;
        for (const operation of rule.denied) {
          const op = operationIndex(operation);
          said[row * ROW + op] = (said[row * ROW + op] as number) | NEGATES;
          anySaid[op] = (anySaid[op] as number) | NEGATES;
        }
        for (const operation of rule.granted) {
          if (rule.denied.has(operation)) continue;
          const op = operationIndex(operation);
          said[row * ROW + op] = (said[row * ROW + op] as number) | GRANTS;
          anySaid[op] = (anySaid[op] as number) | GRANTS;
        }
      }
      anySaid[OPERATION_COUNT] = (anySaid[OPERATION_COUNT] as number) | (said[row * ROW + OPERATION_COUNT] as number);
    }
    this.said = said;
  }

  /** The subject's row (by number: subject-ids.ts); -1 when the layer does not name it. */
  rowOf(id: number): number {
    return rowIn(this.index, id);
  }

  /** Whether the row's rules say `what` (NEGATES or GRANTS) about the operation (by index). */
  says(row: number, op: number, what: number): boolean {
    return ((this.said[row * ROW + op] ?? 0) & what) !== 0;
  }

  /** Whether the row's list replaces the layer above. */
  replaces(row: number): boolean {
    return ((this.said[row * ROW + OPERATION_COUNT] ?? 0) & REPLACES) !== 0;
  }

  /** Whether any subject's rules say `what` about the operation (by index): its bucket is not empty. */
  anySays(op: number, what: number): boolean {
    return ((this.anySaid[op] ?? 0) & what) !== 0;
  }

  anyReplaces(): boolean {
    return ((this.anySaid[OPERATION_COUNT] ?? 0) & REPLACES) !== 0;
  }

  /** Adds the row's rules that put it in a bucket of that kind for the operation (by name and index), in the order written. */
  addSources(found: RuleSource[], row: number, kind: RuleKind, operation: Operation, op: number): void {
    const inBucket = kind === 'replaced' ? this.replaces(row) : this.says(row, op, kind === 'deny' ? NEGATES : GRANTS);
    if (!inBucket) return;
    const rules = this.rules[row] ?? [];
    // Nearly every subject has one rule, and then it is the one: no need to read its sets of operations.
    if (rules.length === 1) found.push((rules[0] as GrantRule).source);
    else for (const rule of rules) if (puts(rule, kind, operation)) found.push(rule.source);
  }
}
