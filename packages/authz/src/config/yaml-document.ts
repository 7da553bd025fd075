/**
 * Reading a config file's YAML into a tree whose nodes know their line, so
 * that every problem can name file:line:key. A syntax error stops there: the
 * tree after one is a guess, and checking it would report phantom problems.
 */
import { closestMatch, type ConfigProblem } from '@isobar/core';
import { isMap, isScalar, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { ProblemList } from './problems';
import { readSimpleYaml } from './simple-yaml';

export type ParsedDocument =
  | { readonly ok: true; readonly root: YAMLMap | undefined; readonly problems: ProblemList }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

export function readYaml(text: string, file: string): ParsedDocument {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { file, line, column: col, key: '', message: `YAML syntax error: ${error.message}` };
      }),
    };
  }
  const problems = new ProblemList(file, lineCounter);
  const contents = document.contents;
  // An empty file (or one holding only comments) is an empty config, not an error.
  if (contents === null || (isScalar(contents) && contents.value === null)) return { ok: true, root: undefined, problems };
  if (!isMap(contents)) {
    problems.add(contents, '', 'expected a mapping at the top of the file');
    return { ok: false, problems: problems.problems };
  }
  return { ok: true, root: contents, problems };
}

/**
 * Reads a config with `read`, from the fast reader's tree when it takes the
 * file; when it declines, or the file has any problem, reads it again from
 * the full parser's document, so problems are always located and worded by
 * the full parser (and a file is never judged on a tree only one reader
 * built).
 */
export function readConfig<T extends { readonly problems: readonly ConfigProblem[] }>(
  text: string,
  file: string,
  read: (parsed: ParsedDocument) => T,
): T {
  const simple = readSimpleYaml(text);
  if (simple !== undefined) {
    const result = read({ ok: true, root: simple.root, problems: new ProblemList(file, simple.lineCounter) });
    if (result.problems.length === 0) return result;
  }
  return read(readYaml(text, file));
}

/** A mapping's key as written, or undefined (with a problem) when it is not a plain string or name. */
export function keyText(pair: Pair, problems: ProblemList, parentKey: string): string | undefined {
  const key = pair.key;
  if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  problems.add(key as Node | null, parentKey, 'expected a plain key');
  return undefined;
}

export function joinKey(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/** The pairs of a mapping node, or undefined (with a problem) when the value is not a mapping. */
export function mappingPairs(
  node: unknown,
  problems: ProblemList,
  key: string,
  where: Node | null | undefined,
): readonly Pair[] | undefined {
  if (isMap(node)) return node.items;
  problems.add((node as Node | null) ?? where, key, 'expected a mapping');
  return undefined;
}

/** Reports every key of `pairs` not in `known`, with a "did you mean". */
export function checkKnownKeys(pairs: readonly Pair[], known: readonly string[], problems: ProblemList, parentKey: string): void {
  for (const pair of pairs) {
    const key = keyText(pair, problems, parentKey);
    if (key === undefined || known.includes(key)) continue;
    const near = closestMatch(key, known);
    const message = near === undefined ? `unknown key; known keys: ${known.join(', ')}` : `unknown key; did you mean "${near}"?`;
    problems.add(pair.key as Node | null, joinKey(parentKey, key), message);
  }
}

export function findPair(pairs: readonly Pair[], name: string): Pair | undefined {
  return pairs.find((pair) => isScalar(pair.key) && String(pair.key.value) === name);
}
