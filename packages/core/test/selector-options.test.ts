import assert from 'node:assert/strict';
import { ConfigError } from '../src/errors';
import type { SelectorContext } from '../src/selector';
import { readSelectorOptions, selectorOptionsError } from '../src/selector-options';

const CONTEXT: SelectorContext = { configFile: '/etc/isobar/site.yaml', optionsKey: 'selector.options' };

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.message;
  }
  assert.fail('expected a ConfigError');
}

describe('selector options helpers', () => {
  it('treats absent options as empty', () => {
    assert.deepEqual(readSelectorOptions(undefined, CONTEXT, ['seed']), {});
    assert.deepEqual(readSelectorOptions(null, CONTEXT, ['seed']), {});
    assert.deepEqual(readSelectorOptions({ seed: 3 }, CONTEXT, ['seed']), { seed: 3 });
  });

  it('rejects non-mappings and unknown keys, all at once', () => {
    assert.equal(
      message(() => readSelectorOptions('x', CONTEXT, [])),
      '/etc/isobar/site.yaml: selector.options: expected a mapping, got "x"',
    );
    assert.equal(
      message(() => readSelectorOptions({ sede: 1, colour: 2 }, CONTEXT, ['seed', 'weights'])),
      '/etc/isobar/site.yaml: selector.options.sede: unknown option; did you mean "seed"?\n' +
        '/etc/isobar/site.yaml: selector.options.colour: unknown option; known options: seed, weights',
    );
  });

  it('names keys under the options key', () => {
    const error = selectorOptionsError(CONTEXT, [
      { key: 'filters[1]', message: 'bad' },
      { key: '[0]', message: 'odd' },
    ]);
    assert.equal(error.code, 'CONFIG_INVALID');
    assert.equal(error.message, '/etc/isobar/site.yaml: selector.options.filters[1]: bad\n/etc/isobar/site.yaml: selector.options[0]: odd');
    assert.deepEqual(error.problems[0], { file: '/etc/isobar/site.yaml', key: 'selector.options.filters[1]', message: 'bad' });
  });
});
