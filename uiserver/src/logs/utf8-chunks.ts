/**
 * Turns bytes read from a growing file into text without splitting a
 * multibyte character between two pieces: an incomplete character at the
 * end of a read is held back until the rest of it has been written.
 *
 * Node's StringDecoder holds back such a tail too, but it does not say how
 * many bytes it holds, and each piece of text must carry the exact file
 * offset of its first byte (the client resumes from it). So the boundary is
 * found here and only whole characters are decoded.
 */
export class Utf8Chunks {
  private carry: Buffer = Buffer.alloc(0);

  constructor(private nextOffset: number) {}

  /** Start again at `offset` (after truncation or when the file was replaced). */
  reset(offset: number): void {
    this.carry = Buffer.alloc(0);
    this.nextOffset = offset;
  }

  /**
   * `bytes` must follow on from the previous push. Answers the decoded text
   * of the complete characters and the file offset where that text starts.
   */
  push(bytes: Buffer): { offset: number; text: string } {
    const all = this.carry.length > 0 ? Buffer.concat([this.carry, bytes]) : bytes;
    const complete = completeLength(all);
    const offset = this.nextOffset;
    const text = all.toString('utf8', 0, complete);
    // A copy: the caller reuses its read buffer.
    this.carry = Buffer.from(all.subarray(complete));
    this.nextOffset += complete;
    return { offset, text };
  }

  /** File offset of the first byte not yet turned into text. */
  get offset(): number {
    return this.nextOffset;
  }
}

/** How many leading bytes of `bytes` form complete UTF-8 sequences (malformed bytes count as complete). */
export function completeLength(bytes: Buffer): number {
  const end = bytes.length;
  // A sequence is at most four bytes, so only the last three can begin an unfinished one.
  for (let back = 1; back <= Math.min(3, end); back++) {
    const byte = bytes[end - back] ?? 0;
    if (isContinuation(byte)) continue;
    return back < sequenceLength(byte) ? end - back : end;
  }
  return end;
}

/** Bytes to skip from `bytes[0]` to reach the start of a character (at most three). */
export function leadingContinuationBytes(bytes: Buffer): number {
  let skip = 0;
  while (skip < Math.min(3, bytes.length) && isContinuation(bytes[skip] ?? 0)) skip++;
  return skip;
}

function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xf8) return 1; // never valid: let the decoder replace it at once
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}
