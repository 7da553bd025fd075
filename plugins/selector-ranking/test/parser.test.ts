import assert from 'node:assert/strict';
import { show } from '../src/ast';
import { ExpressionError } from '../src/expression-error';
import { parse } from '../src/parser';

const shown = (source: string): string => show(parse(source));

function errorAt(source: string): [string, number] {
  try {
    parse(source);
  } catch (err) {
    assert.ok(err instanceof ExpressionError);
    return [err.message, err.column];
  }
  assert.fail(`expected ${source} to be rejected`);
}

describe('ranking parser', () => {
  it('binds * / % tighter than + -, left to right', () => {
    assert.equal(shown('1 + 2 * 3'), '(1 + (2 * 3))');
    assert.equal(shown('1 * 2 + 3'), '((1 * 2) + 3)');
    assert.equal(shown('8 - 4 - 2'), '((8 - 4) - 2)');
    assert.equal(shown('8 / 4 / 2'), '((8 / 4) / 2)');
    assert.equal(shown('7 % 4 * 2'), '((7 % 4) * 2)');
    assert.equal(shown('(1 + 2) * 3'), '((1 + 2) * 3)');
  });

  it('binds unary minus tightest', () => {
    assert.equal(shown('-a * b'), '((-a) * b)');
    assert.equal(shown('- -a'), '(-(-a))');
    assert.equal(shown('+a - -b'), '(a - (-b))');
    assert.equal(shown('-memAvailableBytes'), '(-memAvailableBytes)');
  });

  it('puts comparisons below arithmetic, then not, and, or', () => {
    assert.equal(shown('a + 1 < b * 2'), '((a + 1) < (b * 2))');
    assert.equal(shown('not a < b'), '(not (a < b))');
    assert.equal(shown('a < 1 and b > 2 or c == 3'), '(((a < 1) and (b > 2)) or (c == 3))');
    assert.equal(shown('a < 1 or b > 2 and c == 3'), '((a < 1) or ((b > 2) and (c == 3)))');
    assert.equal(shown('not a < 1 and not not b > 2'), '((not (a < 1)) and (not (not (b > 2))))');
    assert.equal(shown('a < 1 and (b > 2 or c != 3)'), '((a < 1) and ((b > 2) or (c != 3)))');
  });

  it('parses calls with any number of arguments', () => {
    assert.equal(shown('max(a, b + 1, 3)'), 'max(a, (b + 1), 3)');
    assert.equal(shown('abs(-a) + min(a)'), '(abs((-a)) + min(a))');
    assert.equal(shown('f()'), 'f()');
  });

  it('keeps the column where each part starts', () => {
    const expr = parse('  (load1 + 1) > 2');
    assert.equal(expr.column, 3);
    assert.ok(expr.kind === 'comparison');
    assert.equal(expr.right.column, 17);
  });

  it('reports syntax errors with the column', () => {
    assert.deepEqual(errorAt(''), ['the expression is empty', 1]);
    assert.deepEqual(errorAt('   '), ['the expression is empty', 1]);
    assert.deepEqual(errorAt('load1 >'), ['the expression ended: expected a number, a name or "("', 8]);
    assert.deepEqual(errorAt('(load1 > 2'), ['expected ")", got end of expression', 11]);
    assert.deepEqual(errorAt('load1 2'), ['unexpected number 2 after a complete expression', 7]);
    assert.deepEqual(errorAt('load1 > 2)'), ['unexpected ")" after a complete expression', 10]);
    assert.deepEqual(errorAt('* 2'), ['unexpected "*": expected a number, a name or "("', 1]);
    assert.deepEqual(errorAt('1 < load1 < 3'), ['comparisons cannot be chained: join them with "and"', 11]);
    assert.deepEqual(errorAt('max(1 2)'), ['expected "," or ")" in the call of max, got number 2', 7]);
    assert.deepEqual(errorAt('max(1,)'), ['unexpected ")": expected a number, a name or "("', 7]);
    assert.deepEqual(errorAt('load1 and'), ['the expression ended: expected a number, a name or "("', 10]);
  });
});
