import assert from 'node:assert/strict';
import { compile } from '../src/compile';
import type { Role } from '../src/compile';
import { ExpressionError } from '../src/expression-error';

function errorAt(source: string, role: Role = 'filter'): [string, number] {
  try {
    compile(source, role);
  } catch (err) {
    assert.ok(err instanceof ExpressionError);
    return [err.message, err.column];
  }
  assert.fail(`expected ${source} to be rejected`);
}

describe('ranking checks', () => {
  it('accepts filters and rank keys over every metric', () => {
    for (const filter of [
      'load1 < 2 and load5 < 2 and load15 < 2',
      'cpus >= 4 or memTotalBytes > 64G',
      'memAvailableBytes > 2G and memAvailableFraction > 0.1',
      'uiservers + pending < 100',
      'not (loadPerCpu > 1.5)',
      '(load1 < 1) == (cpus > 2)',
    ]) {
      assert.doesNotThrow(() => compile(filter, 'filter'), filter);
    }
    for (const key of ['-memAvailableBytes', 'uiservers + pending', 'max(loadPerCpu, 0.5)', 'abs(load1 - load15)']) {
      assert.doesNotThrow(() => compile(key, 'rank'), key);
    }
  });

  it('rejects unknown names, suggesting a near one', () => {
    assert.deepEqual(errorAt('load1 < 2 and lod5 < 2'), ['unknown name "lod5"; did you mean "load5"?', 15]);
    assert.deepEqual(errorAt('memavailablebytes > 1'), ['unknown name "memavailablebytes"; did you mean "memAvailableBytes"?', 1]);
    const [message, column] = errorAt('colour > 1');
    assert.match(message, /^unknown name "colour"; known names: load1, load5, load15, cpus, /);
    assert.equal(column, 1);
    assert.deepEqual(errorAt('maxx(load1) > 1'), ['unknown function "maxx"; did you mean "max"?', 1]);
    assert.deepEqual(errorAt('avg(load1) > 1'), ['unknown function "avg"; known functions: min, max, abs', 1]);
    assert.deepEqual(errorAt('load1(2) > 1'), ['"load1" is not a function', 1]);
    assert.deepEqual(errorAt('max > 1'), ['"max" is a function: write max(...)', 1]);
  });

  it('checks the number of arguments', () => {
    assert.deepEqual(errorAt('abs(load1, load5) > 1'), ['abs() takes 1 argument(s), got 2', 1]);
    assert.deepEqual(errorAt('min() > 1'), ['min() takes at least 1 argument(s), got 0', 1]);
  });

  it('does not mix numbers and true/false', () => {
    assert.deepEqual(errorAt('load1'), ['a filter must be true or false (a comparison), but this is a number', 1]);
    assert.deepEqual(errorAt('load1 < 2', 'rank'), ['a rank key must be a number, but this is true or false', 1]);
    assert.deepEqual(errorAt('load1 and cpus > 2'), ['the left side of "and" must be a true/false value (a comparison), not a number', 1]);
    assert.deepEqual(errorAt('not cpus'), ['the operand of "not" must be a true/false value (a comparison), not a number', 5]);
    assert.deepEqual(errorAt('(load1 < 2) + 1 > 0'), ['the left side of "+" must be a number, not a true/false value (a comparison)', 1]);
    assert.deepEqual(errorAt('load1 == (cpus > 2)'), [
      'the right side of "==" must be a number, not a true/false value (a comparison)',
      10,
    ]);
    assert.deepEqual(errorAt('max(load1 > 1) > 0'), ['argument 1 of max() must be a number, not a true/false value (a comparison)', 5]);
    assert.deepEqual(errorAt('-(load1 > 1)', 'rank'), ['the operand of "-" must be a number, not a true/false value (a comparison)', 2]);
  });
});
