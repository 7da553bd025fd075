/**
 * Maps a config path (["hosts", 1, "port"]) back to where it is written in
 * the YAML source, so that every problem can be reported as file:line:col.
 */
import { isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

function startOf(node: unknown): number | undefined {
  return isNode(node) && node.range ? node.range[0] : undefined;
}

function keyMatches(key: unknown, segment: string | number): boolean {
  if (isScalar(key)) return String(key.value) === String(segment);
  return false;
}

/**
 * The position of the deepest part of `path` present in the document: the
 * key itself for a mapping entry (people read "line 12: port: ..." as the
 * line where `port:` is written), the item for a list entry. A missing key
 * points at the mapping that should hold it.
 */
export function positionOf(document: Document, lineCounter: LineCounter, path: readonly (string | number)[]): SourcePosition {
  let node: unknown = document.contents;
  let offset = startOf(node) ?? 0;
  for (const segment of path) {
    let next: unknown;
    let nextOffset: number | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyMatches(item.key, segment));
      if (pair !== undefined) {
        next = pair.value;
        nextOffset = startOf(pair.key) ?? startOf(pair.value);
      }
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
      nextOffset = startOf(next);
    }
    if (nextOffset === undefined) break;
    node = next as Node | null;
    offset = nextOffset;
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
