/**
 * One line of a chain file and how its hash is made. Each line is
 *
 *   {"seq":N,"prev":"<hash of line N-1>","hash":"<this line's hash>","record":{…}}
 *
 * with hash = SHA-256 (hex) of prev, a newline, seq, a newline and the
 * canonical JSON of the record. Hashing seq as well as the record means a
 * renumbered line fails on its own hash, not only on the gap it leaves.
 * The first line's prev is 64 zeros.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical-json';
import { parseAuditRecord, type AuditRecord } from './record';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainEntry {
  readonly seq: number;
  readonly prev: string;
  readonly hash: string;
  readonly record: AuditRecord;
}

export function entryHash(prev: string, seq: number, record: AuditRecord): string {
  return createHash('sha256')
    .update(`${prev}\n${seq}\n${canonicalJson(record as unknown as JsonValue)}`)
    .digest('hex');
}

export function makeEntry(prev: string, seq: number, record: AuditRecord): ChainEntry {
  return { seq, prev, hash: entryHash(prev, seq, record), record };
}

/** The line written for an entry, without its newline. */
export function entryLine(entry: ChainEntry): string {
  return JSON.stringify({ seq: entry.seq, prev: entry.prev, hash: entry.hash, record: entry.record });
}

const HEX64 = /^[0-9a-f]{64}$/;

/** An entry read back from a line or received from a UI server; throws with the reason when it is not one. */
export function parseEntry(value: unknown): ChainEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('an entry must be an object');
  const { seq, prev, hash, record } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) throw new Error('seq must be a positive integer');
  if (typeof prev !== 'string' || !HEX64.test(prev)) throw new Error('prev must be 64 hex digits');
  if (typeof hash !== 'string' || !HEX64.test(hash)) throw new Error('hash must be 64 hex digits');
  return { seq, prev, hash, record: parseAuditRecord(record) };
}

export function parseEntryLine(line: string): ChainEntry {
  return parseEntry(JSON.parse(line) as unknown);
}
