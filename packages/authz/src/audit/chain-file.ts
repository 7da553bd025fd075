/**
 * Reading a chain file: its first and last lines without reading it all
 * (resuming after a restart), and its entries in order (resending, verifying).
 */
import { createReadStream, fstatSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseEntryLine, type ChainEntry } from './entry';

const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;

/** Position of the last newline before `end`, or -1. Reads backwards a chunk at a time. */
export function lastNewlineBefore(fd: number, end: number): number {
  const buffer = Buffer.alloc(CHUNK);
  for (let stop = end; stop > 0; stop -= CHUNK) {
    const start = Math.max(0, stop - CHUNK);
    const length = readSync(fd, buffer, 0, stop - start, start);
    const found = buffer.subarray(0, length).lastIndexOf(NEWLINE);
    if (found >= 0) return start + found;
  }
  return -1;
}

function readRange(fd: number, start: number, end: number): string {
  const buffer = Buffer.alloc(end - start);
  let done = 0;
  while (done < buffer.length) {
    const read = readSync(fd, buffer, done, buffer.length - done, start + done);
    if (read === 0) break;
    done += read;
  }
  return buffer.subarray(0, done).toString('utf8');
}

export interface FileTail {
  /** The last complete line, without its newline; undefined for an empty file. */
  readonly lastLine: string | undefined;
  /** Where complete lines end: bytes after it are a line cut short by a crash. */
  readonly completeLength: number;
  readonly size: number;
}

export function readTail(fd: number): FileTail {
  const size = fstatSync(fd).size;
  const lastNewline = lastNewlineBefore(fd, size);
  const completeLength = lastNewline + 1;
  if (lastNewline < 0) return { lastLine: undefined, completeLength: 0, size };
  const previous = lastNewlineBefore(fd, lastNewline);
  return { lastLine: readRange(fd, previous + 1, lastNewline), completeLength, size };
}

/** The first complete line of an open file, or undefined. */
export function readFirstLine(fd: number): string | undefined {
  const buffer = Buffer.alloc(CHUNK);
  const parts: Buffer[] = [];
  for (let position = 0; ; position += CHUNK) {
    const length = readSync(fd, buffer, 0, CHUNK, position);
    if (length === 0) return undefined;
    const found = buffer.subarray(0, length).indexOf(NEWLINE);
    if (found >= 0) {
      parts.push(Buffer.from(buffer.subarray(0, found)));
      return Buffer.concat(parts).toString('utf8');
    }
    parts.push(Buffer.from(buffer.subarray(0, length)));
  }
}

/** Every line of a file with its 1-based number, streamed so a year of records need not fit in memory. */
export async function* chainLines(file: string): AsyncGenerator<{ line: number; text: string }> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    yield { line, text };
  }
}

/**
 * Up to `limit` entries with seq ≥ `fromSeq`, in file order. Used to resend
 * what the hub has not acknowledged; a line that does not parse stops the
 * read, since entries past a broken line cannot be trusted to follow it.
 */
export async function readEntries(file: string, fromSeq: number, limit: number): Promise<ChainEntry[]> {
  const entries: ChainEntry[] = [];
  for await (const { line, text } of chainLines(file)) {
    let entry: ChainEntry;
    try {
      entry = parseEntryLine(text);
    } catch (err) {
      throw new Error(`${file}:${line}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (entry.seq < fromSeq) continue;
    entries.push(entry);
    if (entries.length >= limit) break;
  }
  return entries;
}
