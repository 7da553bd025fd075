/**
 * Tokenizer for ranking expressions. Hand-written so that every token knows
 * its column and every error can point at it.
 */
import { ExpressionError } from './expression-error';

export type Operator = '+' | '-' | '*' | '/' | '%' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'and' | 'or' | 'not' | '(' | ')' | ',';

export type Token =
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly column: number }
  | { readonly kind: 'name'; readonly name: string; readonly column: number }
  | { readonly kind: 'operator'; readonly operator: Operator; readonly column: number }
  | { readonly kind: 'end'; readonly column: number };

/** Binary multiples, as memory sizes are usually meant: 2G is 2 * 1024^3 bytes. */
export const SUFFIXES: Readonly<Record<string, number>> = { K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

const KEYWORDS: readonly Operator[] = ['and', 'or', 'not'];
const TWO_CHAR: readonly Operator[] = ['<=', '>=', '==', '!='];
const ONE_CHAR: readonly Operator[] = ['+', '-', '*', '/', '%', '<', '>', '(', ')', ','];

/** Operators people bring from other languages, and what to write instead. */
const FOREIGN: Readonly<Record<string, string>> = {
  '&&': 'use "and"',
  '||': 'use "or"',
  '!': 'use "not"',
  '=': 'use "==" to compare',
  '**': 'there is no power operator',
};

const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const column = i + 1;
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      let text = number[0];
      let value = Number(text);
      const after = NAME.exec(source.slice(i + text.length));
      if (after) {
        const multiplier = SUFFIXES[after[0]];
        if (multiplier === undefined) {
          throw new ExpressionError(`unknown number suffix "${after[0]}" (use K, M, G or T, powers of 1024)`, i + text.length + 1);
        }
        text += after[0];
        value *= multiplier;
      }
      tokens.push({ kind: 'number', value, text, column });
      i += text.length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      const word = name[0];
      const keyword = KEYWORDS.find((k) => k === word);
      tokens.push(keyword ? { kind: 'operator', operator: keyword, column } : { kind: 'name', name: word, column });
      i += word.length;
      continue;
    }
    const foreign = Object.keys(FOREIGN).find((op) => rest.startsWith(op) && !TWO_CHAR.some((t) => rest.startsWith(t)));
    if (foreign !== undefined) throw new ExpressionError(`unexpected "${foreign}": ${FOREIGN[foreign]}`, column);
    const operator = TWO_CHAR.find((op) => rest.startsWith(op)) ?? ONE_CHAR.find((op) => rest.startsWith(op));
    if (operator !== undefined) {
      tokens.push({ kind: 'operator', operator, column });
      i += operator.length;
      continue;
    }
    throw new ExpressionError(`unexpected character "${rest[0] ?? ''}"`, column);
  }
  tokens.push({ kind: 'end', column: source.length + 1 });
  return tokens;
}

export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'number':
      return `number ${token.text}`;
    case 'name':
      return `"${token.name}"`;
    case 'operator':
      return `"${token.operator}"`;
    case 'end':
      return 'end of expression';
  }
}
