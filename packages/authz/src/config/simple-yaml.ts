/**
 * A fast reader for the plain YAML that authorisation configs are written
 * in: block mappings of plain or quoted keys whose values are one-line flow
 * lists (`[READ, '!stop']`), single names, or deeper mappings. The `yaml`
 * package spends about 15 µs a line building a full document; with a few
 * hundred files to read at start-up that is most of the compile time.
 *
 * It builds the same `yaml` nodes the full parser would, so the config
 * readers cannot tell them apart, and it declines (returns undefined) on
 * anything outside that subset, rather than guess: tabs, CR, anchors, tags,
 * block lists, multi-line values, escapes, duplicate keys, empty values,
 * and plain words YAML would read as null or a boolean. The caller then
 * uses the full parser, which also reads every file that has a problem, so
 * messages and positions always come from it.
 */
import { LineCounter, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

export interface SimpleDocument {
  readonly root: YAMLMap | undefined;
  readonly lineCounter: LineCounter;
}

/** Plain keys: user names, `role:ops` (a colon not followed by a space stays in a plain scalar). */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.@/-]*(?::[A-Za-z0-9_.@/-]+)*$/;
/** Plain values: operation, level and alias names, `api/logs/*`. */
const PLAIN_VALUE = /^[A-Za-z_][A-Za-z0-9_./*-]*$/;
/** Words the YAML core schema reads as null or a boolean rather than a string. */
const NOT_STRINGS = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/** Thrown inside the reader to decline; never escapes it. */
class Declined extends Error {}

function decline(): never {
  throw new Declined();
}

function scalarAt(value: string, start: number, end: number): Scalar<string> {
  const scalar = new Scalar(value);
  scalar.range = [start, end, end];
  return scalar;
}

/** A quoted scalar starting at `text[at]`; returns it and the offset after the closing quote. */
function quoted(text: string, at: number, lineEnd: number): [Scalar<string>, number] {
  const quote = text[at];
  const close = text.indexOf(quote ?? '', at + 1);
  if (close < 0 || close >= lineEnd) decline();
  const value = text.slice(at + 1, close);
  // '' inside single quotes and \ inside double quotes are escapes: left to the full parser.
  if (text[close + 1] === quote || (quote === '"' && value.includes('\\'))) decline();
  return [scalarAt(value, at, close + 1), close + 1];
}

function plain(text: string, start: number, end: number, pattern: RegExp): Scalar<string> {
  const value = text.slice(start, end);
  if (!pattern.test(value) || NOT_STRINGS.test(value)) decline();
  return scalarAt(value, start, end);
}

/** Nothing but spaces and an optional comment from `at` to the end of the line. */
function expectLineEnd(text: string, at: number, lineEnd: number): void {
  let index = at;
  while (index < lineEnd && text[index] === ' ') index++;
  if (index === lineEnd) return;
  if (text[index] !== '#' || index === at) decline();
}

/** `[a, 'b', c]` on one line. */
function flowList(text: string, at: number, lineEnd: number): YAMLSeq {
  const seq = new YAMLSeq();
  let index = at + 1;
  for (;;) {
    while (text[index] === ' ') index++;
    if (text[index] === ']' && seq.items.length === 0) break;
    let item: Scalar<string>;
    const first = text[index];
    if (first === "'" || first === '"') [item, index] = quoted(text, index, lineEnd);
    else {
      let end = index;
      while (end < lineEnd && text[end] !== ',' && text[end] !== ']' && text[end] !== ' ') end++;
      item = plain(text, index, end, PLAIN_VALUE);
      index = end;
    }
    seq.items.push(item);
    while (text[index] === ' ') index++;
    if (text[index] === ']') break;
    if (text[index] !== ',') decline();
    index++;
  }
  seq.range = [at, index + 1, index + 1];
  expectLineEnd(text, index + 1, lineEnd);
  return seq;
}

interface OpenMap {
  readonly indent: number;
  readonly map: YAMLMap;
  readonly keys: Set<string>;
}

/** One `key: value` line; a pair whose value is to come on deeper lines has a null value. */
function entry(text: string, start: number, lineEnd: number): { pair: Pair; key: string; open: boolean } {
  let key: Scalar<string>;
  let index: number;
  const first = text[start];
  if (first === "'" || first === '"') [key, index] = quoted(text, start, lineEnd);
  else {
    index = text.indexOf(':', start);
    while (index >= 0 && index < lineEnd - 1 && text[index + 1] !== ' ') index = text.indexOf(':', index + 1);
    if (index < 0 || index >= lineEnd) decline();
    key = plain(text, start, index, PLAIN_KEY);
  }
  if (text[index] !== ':' || (index + 1 < lineEnd && text[index + 1] !== ' ')) decline();
  index++;
  while (text[index] === ' ' && index < lineEnd) index++;
  const pair = new Pair(key);
  if (index === lineEnd || text[index] === '#') return { pair, key: key.value, open: true };
  const first2 = text[index];
  if (first2 === '[') pair.value = flowList(text, index, lineEnd);
  else if (first2 === "'" || first2 === '"') {
    const [value, after] = quoted(text, index, lineEnd);
    expectLineEnd(text, after, lineEnd);
    pair.value = value;
  } else {
    let end = index;
    while (end < lineEnd && text[end] !== ' ') end++;
    pair.value = plain(text, index, end, PLAIN_VALUE);
    expectLineEnd(text, end, lineEnd);
  }
  return { pair, key: key.value, open: false };
}

function read(text: string): SimpleDocument {
  if (text.includes('\t') || text.includes('\r')) decline();
  const lineCounter = new LineCounter();
  const stack: OpenMap[] = [];
  let awaiting: Pair | undefined;
  let lineStart = 0;
  while (lineStart <= text.length) {
    lineCounter.addNewLine(lineStart);
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    let start = lineStart;
    while (start < lineEnd && text[start] === ' ') start++;
    if (start < lineEnd && text[start] !== '#') {
      const indent = start - lineStart;
      const top = stack[stack.length - 1];
      if (awaiting !== undefined || top === undefined) {
        // The first entry of a new mapping: the document's (at column 1) or a deeper one.
        if (top === undefined ? indent !== 0 : indent <= top.indent) decline();
        const map = new YAMLMap();
        map.range = [start, start, start];
        if (awaiting !== undefined) awaiting.value = map;
        stack.push({ indent, map, keys: new Set() });
        awaiting = undefined;
      } else {
        while ((stack[stack.length - 1]?.indent ?? -1) > indent) stack.pop();
      }
      const open = stack[stack.length - 1];
      if (open === undefined || open.indent !== indent) decline();
      const { pair, key, open: opens } = entry(text, start, lineEnd);
      if (open.keys.has(key)) decline();
      open.keys.add(key);
      open.map.items.push(pair);
      if (opens) awaiting = pair;
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  if (awaiting !== undefined) decline();
  return { root: stack[0]?.map, lineCounter };
}

/** The document of `text`, or undefined when it is not in the subset this reader is sure about. */
export function readSimpleYaml(text: string): SimpleDocument | undefined {
  try {
    return read(text);
  } catch (err) {
    if (err instanceof Declined) return undefined;
    throw err;
  }
}
