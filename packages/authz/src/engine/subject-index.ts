/**
 * A table's subjects, by number (subject-ids.ts), each with its row: an
 * open-addressing hash table of (id, row) pairs in one Int32Array, at most
 * half full. Finding a subject reads one or two neighbouring slots, where a
 * Map would follow a bucket to an entry to the key's characters: several
 * reads from memory for the first decision in a domain, each waiting for
 * the one before. A plain array, not an object holding one, for the same
 * reason.
 */
export type SubjectIndex = Int32Array;

const EMPTY = -1;
/** Knuth's multiplicative hash: spreads consecutive ids over the slots. */
const MULTIPLIER = 0x9e3779b1;

/** Slot s of the index holds an id at 2s and its row at 2s + 1. */
function slotOf(id: number, mask: number): number {
  return (Math.imul(id, MULTIPLIER) >>> 0) & mask;
}

/** `ids`: the subjects' numbers, each once; a subject's row is its position in `ids`. */
export function subjectIndex(ids: readonly number[]): SubjectIndex {
  let size = 4;
  while (size < ids.length * 2) size *= 2;
  const mask = size - 1;
  const index = new Int32Array(size * 2).fill(EMPTY);
  ids.forEach((id, row) => {
    let slot = slotOf(id, mask);
    while (index[slot * 2] !== EMPTY) slot = (slot + 1) & mask;
    index[slot * 2] = id;
    index[slot * 2 + 1] = row;
  });
  return index;
}

/** The subject's row, or -1 when the index does not have it. */
export function rowIn(index: SubjectIndex, id: number): number {
  const mask = index.length / 2 - 1;
  for (let slot = slotOf(id, mask); ; slot = (slot + 1) & mask) {
    const found = index[slot * 2];
    if (found === id) return index[slot * 2 + 1] as number;
    if (found === EMPTY) return -1;
  }
}
