/**
 * One domain (an owner's workflow, as its layers see it) as the tables of
 * its layers (layer-table.ts): the workflow's, the owner's, the site's
 * defaults and the site's limits, shared with every other domain they apply
 * to. It says which buckets (bucket-lines.ts) are non-empty for each
 * operation, so the policy set for an operation is read, not built, and
 * which buckets a subject is in.
 */
import type { RuleSource } from '../config/types';
import type { Operation } from '../levels';
import { userSubject } from '../subjects';
import { BUCKETS, bucketFlag, LAYER_BUCKETS, policyLines, type BucketName, type BucketSet, type Layer } from './bucket-lines';
import { GRANTS, NEGATES, type LayerTable } from './layer-table';
import type { PolicyLines } from './model';
import { OPERATION_COUNT } from './operation-index';
import type { SubjectIds } from './subject-ids';

/** One owner's workflow as its layers see it, each layer compiled once per file. */
export interface DomainLayers {
  readonly owner: string;
  /** In the order they override: the workflow's first. */
  readonly layers: readonly { readonly layer: Layer; readonly table: LayerTable }[];
  readonly limits: LayerTable;
}

/** Where a person's subjects are in the domain's tables: whether one is the owner, and each one's row in each table. */
export interface SubjectRows {
  readonly owner: boolean;
  /** Subject k's row in the table kept at slot s (SLOTS) is at k × SLOT_COUNT + s; -1 where that table does not name it. */
  readonly rows: readonly number[];
}

/** Where each table is kept, in the order of `Layer`, then the limits. */
const SLOTS = { workflow: 0, user: 1, site: 2, limit: 3 } as const;
const SLOT_COUNT = 4;

const OWNER_SOURCE: RuleSource = { file: '', key: '', text: 'the owner may do everything on their own workflows' };

/** How to ask the tables about a bucket: which table (-1: the owner's bucket), which bits, or whether it replaces. */
interface BucketTest {
  readonly slot: number;
  readonly kind: 'owner' | 'deny' | 'allow' | 'replaced';
  readonly what: number;
}

/** Per bucket name, worked out once: a decision asks for a bucket by the name on its policy line. */
const TESTS = new Map<string, BucketTest>(
  (Object.keys(BUCKETS) as BucketName[]).map((name) => {
    const { layer, kind } = BUCKETS[name];
    return [name, { slot: layer === 'owner' ? -1 : SLOTS[layer], kind, what: kind === 'deny' ? NEGATES : GRANTS }];
  }),
);

export class DomainTable {
  private readonly tables = new Array<LayerTable | undefined>(SLOT_COUNT).fill(undefined);
  private readonly owner: number;
  /** Per operation: the non-empty buckets. */
  private readonly present = new Uint16Array(OPERATION_COUNT);

  constructor(domain: DomainLayers, ids: SubjectIds) {
    this.owner = ids.intern(userSubject(domain.owner));
    for (const { layer, table } of domain.layers) this.tables[SLOTS[layer]] = table;
    this.tables[SLOTS.limit] = domain.limits;
    for (let op = 0; op < OPERATION_COUNT; op++) {
      let buckets: BucketSet = bucketFlag('owner');
      for (const { layer, table } of domain.layers) {
        const { deny, allow, replaced } = LAYER_BUCKETS[layer];
        if (table.anySays(op, NEGATES)) buckets |= bucketFlag(deny);
        if (table.anySays(op, GRANTS)) buckets |= bucketFlag(allow);
        if (table.anyReplaces()) buckets |= bucketFlag(replaced);
      }
      if (domain.limits.anySays(op, GRANTS)) buckets |= bucketFlag('limit:allow');
      if (domain.limits.anySays(op, NEGATES)) buckets |= bucketFlag('limit:deny');
      this.present[op] = buckets;
    }
  }

  /** The domain's policy set for the operation (by index): the lines of its non-empty buckets. */
  lines(op: number): PolicyLines {
    return policyLines(this.present[op] ?? 0);
  }

  /** Whether a rule of the domain names the subject (by number), or it is the owner: only those can change a decision. */
  names(id: number): boolean {
    if (id === this.owner) return true;
    // The site's tables first: every domain shares them, so they are the likeliest to be in the processor's caches.
    for (let slot = this.tables.length - 1; slot >= 0; slot--) if ((this.tables[slot]?.rowOf(id) ?? -1) >= 0) return true;
    return false;
  }

  /** Where subjects (by number) the domain names are in its tables. */
  rowsOf(ids: readonly number[]): SubjectRows {
    let owner = false;
    const rows: number[] = [];
    for (const id of ids) {
      owner ||= id === this.owner;
      for (const table of this.tables) rows.push(table === undefined ? -1 : table.rowOf(id));
    }
    return { owner, rows };
  }

  /** Whether any of the subjects is in the bucket (by the name on its policy line) for the operation (by index). */
  has(subjects: SubjectRows, op: number, bucket: string): boolean {
    const test = TESTS.get(bucket);
    if (test === undefined) return false;
    const { slot, kind, what } = test;
    if (kind === 'owner') return subjects.owner;
    const table = this.tables[slot];
    if (table === undefined) return false;
    for (let at = slot; at < subjects.rows.length; at += SLOT_COUNT) {
      const row = subjects.rows[at] ?? -1;
      if (row >= 0 && (kind === 'replaced' ? table.replaces(row) : table.says(row, op, what))) return true;
    }
    return false;
  }

  /**
   * The rules that put any of the subjects in the bucket for the operation
   * (by name and index), subject by subject, in the order written; only the
   * first `most` of them.
   */
  sources(subjects: SubjectRows, operation: Operation, op: number, bucket: BucketName, most = Infinity): RuleSource[] {
    const { slot, kind } = TESTS.get(bucket) as BucketTest;
    if (kind === 'owner') return subjects.owner ? [OWNER_SOURCE] : [];
    const table = this.tables[slot];
    const found: RuleSource[] = [];
    if (table === undefined) return found;
    for (let at = slot; at < subjects.rows.length && found.length < most; at += SLOT_COUNT) {
      const row = subjects.rows[at] ?? -1;
      if (row >= 0) table.addSources(found, row, kind, operation, op);
    }
    return found.length > most ? found.slice(0, most) : found;
  }
}
