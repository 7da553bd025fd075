/**
 * The owner's append-only, hash-chained audit log: one JSON line per record
 * (see `entry.ts`). A UI server keeps one, in its owner's space, and is its
 * only writer; the hub's central store holds a copy of every line's hash, so
 * a chain rewritten by its owner no longer matches what the hub received.
 *
 * Durability: with `fsync: 'always'` (the default) `append` returns only
 * after the line is on disk (fdatasync), because the UI server writes the
 * record before it performs the action, and an action must not happen
 * without its record surviving a crash. Actions come at human pace, so the
 * cost (a few milliseconds each) does not matter. `'never'` leaves flushing
 * to the kernel and is meant for tests and benchmarks.
 *
 * A crash can still cut the last line short. On opening, such a tail (bytes
 * after the last newline) is cut off and its length reported in
 * `truncatedBytes`: it was never a complete record, and the action it
 * announced was not started, since `append` had not returned.
 */
import { closeSync, constants, fchmodSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { readEntries, readFirstLine, readTail } from './chain-file';
import { entryHash, entryLine, GENESIS_HASH, makeEntry, parseEntryLine, type ChainEntry } from './entry';
import { parseAuditRecord, type AuditRecord } from './record';

export type FsyncPolicy = 'always' | 'never';

export interface AuditChainOptions {
  readonly fsync?: FsyncPolicy;
}

/** Where the chain stands: the seq and hash of its last line (0 and the genesis hash when empty). */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

export class ChainError extends Error {
  override readonly name = 'ChainError';
}

/** Only the owner may read or write their audit log; `O_NOFOLLOW` so a planted symlink is not followed. */
const FILE_MODE = 0o600;
const OPEN_FLAGS = constants.O_APPEND | constants.O_CREAT | constants.O_RDWR | constants.O_NOFOLLOW;

export class AuditChain {
  private fd: number | undefined;
  private current: ChainHead;
  private firstHash: string | undefined;

  private constructor(
    readonly file: string,
    fd: number,
    head: ChainHead,
    firstHash: string | undefined,
    private readonly fsync: FsyncPolicy,
    readonly truncatedBytes: number,
  ) {
    this.fd = fd;
    this.current = head;
    this.firstHash = firstHash;
  }

  /** Opens (or creates) a chain file and resumes after its last line. */
  static open(file: string, options: AuditChainOptions = {}): AuditChain {
    const fd = openSync(file, OPEN_FLAGS, FILE_MODE);
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) throw new ChainError(`${file} is not a regular file`);
      // The mode given to open applies only to a new file: tighten one made otherwise.
      if ((stat.mode & 0o777) !== FILE_MODE) fchmodSync(fd, FILE_MODE);
      const tail = readTail(fd);
      if (tail.completeLength < tail.size) ftruncateSync(fd, tail.completeLength);
      const head = tail.lastLine === undefined ? { seq: 0, hash: GENESIS_HASH } : headOf(file, tail.lastLine);
      const first = head.seq === 0 ? undefined : firstHashOf(file, readFirstLine(fd));
      return new AuditChain(file, fd, head, first, options.fsync ?? 'always', tail.size - tail.completeLength);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  get head(): ChainHead {
    return this.current;
  }

  /**
   * The chain's identity: the hash of its first line, or undefined while it
   * is empty. A chain started afresh (the file deleted) gets a new id, so the
   * hub tells it apart from a rewrite of the old one.
   */
  get chainId(): string | undefined {
    return this.firstHash;
  }

  /** Writes one record (checked first) and returns its entry once it is written under the fsync policy. */
  append(record: AuditRecord): ChainEntry {
    const fd = this.fd;
    if (fd === undefined) throw new ChainError(`audit chain ${this.file} is closed`);
    const entry = makeEntry(this.current.hash, this.current.seq + 1, parseAuditRecord(record));
    const bytes = Buffer.from(`${entryLine(entry)}\n`, 'utf8');
    // One write call per line: with O_APPEND it lands whole at the end of the file.
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    if (this.fsync === 'always') fdatasyncSync(fd);
    this.current = { seq: entry.seq, hash: entry.hash };
    this.firstHash ??= entry.hash;
    return entry;
  }

  /** Entries with seq ≥ `fromSeq`, at most `limit`, read back from the file. */
  entriesFrom(fromSeq: number, limit: number): Promise<ChainEntry[]> {
    return readEntries(this.file, fromSeq, limit);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

function parseLine(file: string, which: string, line: string): ChainEntry {
  try {
    const entry = parseEntryLine(line);
    if (entryHash(entry.prev, entry.seq, entry.record) !== entry.hash) throw new Error('hash mismatch');
    return entry;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    // Extending a broken chain would bury the damage under valid-looking lines.
    throw new ChainError(`${file}: the ${which} line is broken (${reason}); run audit-verify on it before writing more`);
  }
}

function headOf(file: string, lastLine: string): ChainHead {
  const entry = parseLine(file, 'last', lastLine);
  return { seq: entry.seq, hash: entry.hash };
}

function firstHashOf(file: string, firstLine: string | undefined): string {
  if (firstLine === undefined) throw new ChainError(`${file}: no first line`);
  const entry = parseLine(file, 'first', firstLine);
  if (entry.seq !== 1 || entry.prev !== GENESIS_HASH) throw new ChainError(`${file}: the first line is not seq 1 from the genesis hash`);
  return entry.hash;
}
