/**
 * Checking a chain file from its first line: every line parses, seqs run
 * 1, 2, 3… without a gap, each line's prev is the hash of the line before,
 * and each hash recomputes. The first line that fails is reported, since
 * everything after it can no longer be trusted to follow from what came
 * before.
 *
 * An edited record fails its own hash; an edited record whose hash was
 * recomputed fails the next line's prev; a deleted or moved line breaks the
 * seq order. Cutting lines off the end leaves a shorter valid chain: only
 * the hub's copy (`AuditStore`) shows that, so pass its last seq as
 * `expectLastSeq` when you have it.
 */
import { chainLines } from './chain-file';
import { entryHash, GENESIS_HASH, parseEntryLine, type ChainEntry } from './entry';

export type ChainBreak = 'unparsable' | 'seq-gap' | 'prev-mismatch' | 'hash-mismatch' | 'truncated';

export type ChainVerdict =
  | { readonly ok: true; readonly records: number; readonly lastSeq: number; readonly lastHash: string }
  | {
      readonly ok: false;
      /** 1-based line number of the first broken line (one past the end for `truncated`). */
      readonly line: number;
      /** The seq that line claims, when it could be read. */
      readonly seq: number | undefined;
      readonly why: ChainBreak;
      readonly message: string;
    };

export interface VerifyChainOptions {
  /** The last seq the hub holds for this chain: fewer lines in the file means lines were cut off. */
  readonly expectLastSeq?: number;
}

export async function verifyChain(file: string, options: VerifyChainOptions = {}): Promise<ChainVerdict> {
  let previous = { seq: 0, hash: GENESIS_HASH };
  let lines = 0;
  for await (const { line, text } of chainLines(file)) {
    lines = line;
    let entry: ChainEntry;
    try {
      entry = parseEntryLine(text);
    } catch (err) {
      return { ok: false, line, seq: seqOf(text), why: 'unparsable', message: err instanceof Error ? err.message : String(err) };
    }
    const broken = (why: ChainBreak, message: string): ChainVerdict => ({ ok: false, line, seq: entry.seq, why, message });
    if (entry.seq !== previous.seq + 1) return broken('seq-gap', `expected seq ${previous.seq + 1}, found ${entry.seq}`);
    if (entry.prev !== previous.hash) return broken('prev-mismatch', `prev does not match the hash of seq ${previous.seq}`);
    if (entryHash(entry.prev, entry.seq, entry.record) !== entry.hash) return broken('hash-mismatch', 'the record does not match its hash');
    previous = { seq: entry.seq, hash: entry.hash };
  }
  if (options.expectLastSeq !== undefined && previous.seq < options.expectLastSeq) {
    return {
      ok: false,
      line: lines + 1,
      seq: previous.seq + 1,
      why: 'truncated',
      message: `the file ends at seq ${previous.seq}; the hub holds up to seq ${options.expectLastSeq}`,
    };
  }
  return { ok: true, records: previous.seq, lastSeq: previous.seq, lastHash: previous.hash };
}

/** The seq an unparsable line claims, if that much of it can be read, to help find it. */
function seqOf(text: string): number | undefined {
  const match = /"seq":(\d+)/.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
