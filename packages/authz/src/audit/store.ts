/**
 * hub-service's central audit log, in embedded SQLite (WAL, so the audit
 * pages read while UI servers write). A UI server sends the entries of its
 * chain; the store keeps each one once, and only from the owner it is about:
 * the owner is the one whose token authenticated the request, never a field
 * of the record, so one owner cannot write records about another's workflows.
 *
 * `synchronous = FULL`: an accepted entry is acknowledged to the UI server,
 * which then stops resending it, so it must survive a power cut here.
 */
import Database from 'better-sqlite3';
import { canonicalJson, type JsonValue } from './canonical-json';
import { entryHash, GENESIS_HASH, parseEntry } from './entry';
import { ALL_OWNERS, parseAuditRecord, type AuditRecord } from './record';
import { SCHEMA, type AuditRow } from './store-schema';
import type { ChainEntry } from './entry';

/** What a UI server sends: entries of one chain, identified by the hash of its first line. */
export interface ChainBatch {
  readonly chain: string;
  readonly entries: readonly ChainEntry[];
}

export type RefusalCode = 'invalid' | 'wrong-owner' | 'bad-hash' | 'conflict' | 'prev-mismatch';

export type AcceptResult =
  | { readonly accepted: true; readonly seq: number; readonly duplicate: boolean }
  | { readonly accepted: false; readonly seq: number | undefined; readonly code: RefusalCode; readonly reason: string };

export interface AuditQuery {
  readonly person?: string;
  readonly owner?: string;
  readonly workflow?: string;
  /** Inclusive lower bound on the record's time. */
  readonly since?: Date;
  /** Exclusive upper bound on the record's time. */
  readonly until?: Date;
  /** At most this many records, newest first; 1 to `MAX_QUERY_LIMIT`. */
  readonly limit: number;
}

export const MAX_QUERY_LIMIT = 10_000;

export interface StoredAuditRecord {
  readonly record: AuditRecord;
  /** The owner whose UI server sent it, or undefined for hub-service's own records. */
  readonly sender: string | undefined;
  readonly chain: string | undefined;
  readonly seq: number | undefined;
  readonly hash: string | undefined;
  readonly received: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

function refuse(seq: number | undefined, code: RefusalCode, reason: string): AcceptResult {
  return { accepted: false, seq, code, reason };
}

export class AuditStore {
  private readonly db: Database.Database;
  private readonly now: () => Date;

  /** `path` is a database file, or `:memory:` for tests. */
  constructor(path: string, options: { readonly now?: () => Date } = {}) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.now = options.now ?? (() => new Date());
  }

  /** One entry of `owner`'s chain; see `acceptBatch`. */
  accept(owner: string, chain: string, entry: unknown): AcceptResult {
    return this.acceptBatch(owner, { chain, entries: [entry as ChainEntry] })[0] ?? refuse(undefined, 'invalid', 'no entry');
  }

  /**
   * Entries sent by `owner`'s UI server. Each is checked on its own: its shape,
   * that its record is about `owner`'s workflows, that its hash recomputes,
   * that it does not contradict what this chain already sent (same seq,
   * another hash: the owner rewrote their log) and that it follows the entry
   * before it when that one is here. An entry already held is acknowledged
   * again, so resending is always safe.
   */
  acceptBatch(owner: string, batch: ChainBatch): AcceptResult[] {
    const run = this.db.transaction((entries: readonly unknown[]) => entries.map((entry) => this.acceptOne(owner, batch.chain, entry)));
    return run(batch.entries);
  }

  private acceptOne(owner: string, chain: string, raw: unknown): AcceptResult {
    let entry: ChainEntry;
    try {
      entry = parseEntry(raw);
    } catch (err) {
      return refuse(undefined, 'invalid', err instanceof Error ? err.message : String(err));
    }
    const { seq, record } = entry;
    if (owner === ALL_OWNERS || owner === '') return refuse(seq, 'wrong-owner', `${JSON.stringify(owner)} is not an owner`);
    if (record.target.owner !== owner) {
      return refuse(seq, 'wrong-owner', `the record is about ${record.target.owner}'s workflows, but ${owner} sent it`);
    }
    if (entryHash(entry.prev, seq, record) !== entry.hash) return refuse(seq, 'bad-hash', 'the record does not match its hash');
    if (!HEX64.test(chain)) return refuse(seq, 'invalid', 'the chain id must be 64 hex digits');
    if (seq === 1 && (entry.hash !== chain || entry.prev !== GENESIS_HASH)) {
      return refuse(seq, 'invalid', 'the first entry of a chain must start from the genesis hash and name the chain');
    }
    const held = this.hashAt(owner, chain, seq);
    if (held !== undefined) {
      return held === entry.hash
        ? { accepted: true, seq, duplicate: true }
        : refuse(seq, 'conflict', `seq ${seq} of this chain was received before with another hash`);
    }
    const before = seq > 1 ? this.hashAt(owner, chain, seq - 1) : undefined;
    if (before !== undefined && before !== entry.prev) {
      return refuse(seq, 'prev-mismatch', `prev does not match the hash of seq ${seq - 1} received before`);
    }
    this.insert(record, { sender: owner, chain, seq, prev: entry.prev, hash: entry.hash });
    return { accepted: true, seq, duplicate: false };
  }

  /** hub-service's own record (an elevation, a drop, an expiry, a failed re-authentication). */
  recordOwn(record: AuditRecord): void {
    this.insert(parseAuditRecord(record), undefined);
  }

  /** The highest seq held for a chain (0 when none), for `audit-verify --expect-last-seq`. */
  lastSeq(owner: string, chain: string): number {
    const row = this.db.prepare('SELECT MAX(seq) AS seq FROM audit WHERE sender = ? AND chain = ?').get(owner, chain) as
      { seq: number | null } | undefined;
    return row?.seq ?? 0;
  }

  query(filter: AuditQuery): StoredAuditRecord[] {
    if (!Number.isInteger(filter.limit) || filter.limit < 1 || filter.limit > MAX_QUERY_LIMIT) {
      throw new Error(`limit must be 1 to ${MAX_QUERY_LIMIT}`);
    }
    const where: string[] = [];
    const values: (string | number)[] = [];
    const add = (clause: string, value: string | number): void => {
      where.push(clause);
      values.push(value);
    };
    if (filter.person !== undefined) add('person = ?', filter.person);
    if (filter.owner !== undefined) add('owner = ?', filter.owner);
    if (filter.workflow !== undefined) add('workflow = ?', filter.workflow);
    if (filter.since !== undefined) add('time >= ?', filter.since.toISOString());
    if (filter.until !== undefined) add('time < ?', filter.until.toISOString());
    const sql = `SELECT id, sender, chain, seq, hash, record, received FROM audit${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}
      ORDER BY time DESC, id DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...values, filter.limit) as AuditRow[];
    return rows.map((row) => ({
      record: parseAuditRecord(JSON.parse(row.record) as unknown),
      sender: row.sender ?? undefined,
      chain: row.chain ?? undefined,
      seq: row.seq ?? undefined,
      hash: row.hash ?? undefined,
      received: row.received,
    }));
  }

  close(): void {
    this.db.close();
  }

  private hashAt(owner: string, chain: string, seq: number): string | undefined {
    const row = this.db.prepare('SELECT hash FROM audit WHERE sender = ? AND chain = ? AND seq = ?').get(owner, chain, seq) as
      { hash: string | null } | undefined;
    return row?.hash ?? undefined;
  }

  private insert(
    record: AuditRecord,
    origin: { sender: string; chain: string; seq: number; prev: string; hash: string } | undefined,
  ): void {
    this.db
      .prepare(
        `INSERT INTO audit (sender, chain, seq, prev, hash, time, person, operation, owner, workflow, task, cycle,
           level, session, grant_id, result, detail, record, received)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        origin?.sender ?? null,
        origin?.chain ?? null,
        origin?.seq ?? null,
        origin?.prev ?? null,
        origin?.hash ?? null,
        // The column holds one spelling of the time so that text order is time order.
        new Date(record.time).toISOString(),
        record.person,
        record.operation,
        record.target.owner,
        record.target.workflow ?? null,
        record.target.task ?? null,
        record.target.cycle ?? null,
        record.level,
        record.session ?? null,
        record.grant ?? null,
        record.result,
        record.detail ?? null,
        canonicalJson(record as unknown as JsonValue),
        this.now().toISOString(),
      );
  }
}
