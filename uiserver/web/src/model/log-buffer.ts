/**
 * Keeps a followed log file in step with the server's `chunk` events.
 * Offsets are byte positions in the file while the text is decoded UTF-8,
 * so lengths are counted in UTF-8 bytes. The view only ever appends (cheap
 * for a long log) or starts over.
 */

export interface LogChunk {
  readonly offset: number;
  readonly text: string;
}

export interface LogEdit {
  /** Throw away what is shown before appending. */
  readonly reset: boolean;
  readonly append: string;
}

export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** `text` without its first `bytes` UTF-8 bytes (a character cut in two is dropped whole). */
export function dropUtf8Bytes(text: string, bytes: number): string {
  let skipped = 0;
  let index = 0;
  for (const char of text) {
    if (skipped >= bytes) break;
    skipped += utf8Length(char);
    index += char.length;
  }
  return text.slice(index);
}

export class LogFollower {
  /** Byte offset just past what is shown; undefined before the first chunk. */
  private end: number | undefined;

  /** Where to ask the server to continue from after the stream broke. */
  get resumeOffset(): number | undefined {
    return this.end;
  }

  chunk(chunk: LogChunk): LogEdit {
    const length = utf8Length(chunk.text);
    if (this.end === undefined) {
      this.end = chunk.offset + length;
      // The server starts near the end of a big file: say that the top is missing.
      const head = chunk.offset > 0 ? `[… first ${chunk.offset} bytes not shown …]\n` : '';
      return { reset: true, append: head + chunk.text };
    }
    if (chunk.offset === this.end) {
      this.end += length;
      return { reset: false, append: chunk.text };
    }
    if (chunk.offset < this.end) {
      // Overlap after a reconnect: keep only what is new.
      const newEnd = chunk.offset + length;
      if (newEnd <= this.end) return { reset: false, append: '' };
      const fresh = dropUtf8Bytes(chunk.text, this.end - chunk.offset);
      this.end = newEnd;
      return { reset: false, append: fresh };
    }
    const gap = chunk.offset - this.end;
    this.end = chunk.offset + length;
    return { reset: false, append: `\n[… ${gap} bytes not shown …]\n${chunk.text}` };
  }

  /** The file shrank or was replaced: the server starts again from 0. */
  truncated(): LogEdit {
    this.end = undefined;
    return { reset: true, append: '' };
  }
}

/** Parses a `chunk` event's data; undefined if it is not `{offset, text}`. */
export function parseChunk(data: string): LogChunk | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { offset, text } = value as { offset?: unknown; text?: unknown };
  if (typeof offset !== 'number' || !Number.isFinite(offset) || offset < 0 || typeof text !== 'string') return undefined;
  return { offset, text };
}
