import assert from 'node:assert/strict';
import { ExpressionError } from '../src/expression-error';
import { tokenize } from '../src/tokens';
import type { Token } from '../src/tokens';

function brief(token: Token): string {
  switch (token.kind) {
    case 'number':
      return `${token.value}@${token.column}`;
    case 'name':
      return `${token.name}@${token.column}`;
    case 'operator':
      return `'${token.operator}'@${token.column}`;
    case 'end':
      return `end@${token.column}`;
  }
}

function errorAt(source: string): [string, number] {
  try {
    tokenize(source);
  } catch (err) {
    assert.ok(err instanceof ExpressionError);
    return [err.message, err.column];
  }
  assert.fail(`expected ${source} to be rejected`);
}

describe('ranking tokenizer', () => {
  it('reads numbers, names, keywords and operators with their columns', () => {
    assert.deepEqual(tokenize('load1 <= 2.5 and not(x!=1)').map(brief), [
      'load1@1',
      "'<='@7",
      '2.5@10',
      "'and'@14",
      "'not'@18",
      "'('@21",
      'x@22',
      "'!='@23",
      '1@25',
      "')'@26",
      'end@27',
    ]);
  });

  it('reads exponents, leading dots and binary suffixes', () => {
    assert.deepEqual(tokenize('1e9 2.5E-3 .5 500M 2G 1K 1T').map(brief), [
      '1000000000@1',
      '0.0025@5',
      '0.5@12',
      `${500 * 1024 ** 2}@15`,
      `${2 * 1024 ** 3}@20`,
      '1024@23',
      `${1024 ** 4}@26`,
      'end@28',
    ]);
  });

  it('points at what it cannot read', () => {
    assert.deepEqual(errorAt('memAvailableBytes > 500m'), ['unknown number suffix "m" (use K, M, G or T, powers of 1024)', 24]);
    assert.deepEqual(errorAt('load1 && cpus'), ['unexpected "&&": use "and"', 7]);
    assert.deepEqual(errorAt('load1 || cpus'), ['unexpected "||": use "or"', 7]);
    assert.deepEqual(errorAt('!load1'), ['unexpected "!": use "not"', 1]);
    assert.deepEqual(errorAt('cpus = 4'), ['unexpected "=": use "==" to compare', 6]);
    assert.deepEqual(errorAt('cpus ** 2'), ['unexpected "**": there is no power operator', 6]);
    assert.deepEqual(errorAt('load1 > $x'), ['unexpected character "$"', 9]);
    assert.deepEqual(errorAt('"text"'), ['unexpected character """', 1]);
  });
});
