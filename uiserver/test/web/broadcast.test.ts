import assert from 'node:assert/strict';
import { parseSetting, parseSettings, splitList } from '../../web/src/model/broadcast';

describe('broadcast settings', () => {
  it('turns key=value lines into the nested settings Cylc merges', () => {
    assert.deepEqual(parseSetting('script = true'), { script: 'true' });
    assert.deepEqual(parseSetting('[environment]ANSWER=42'), { environment: { ANSWER: '42' } });
    assert.deepEqual(parseSetting('[a][b]c=x=y'), { a: { b: { c: 'x=y' } } });
  });

  it('reports bad lines with their line numbers', () => {
    const parsed = parseSettings('script=true\n\n# comment\nnonsense\n[environment]=1\ninherit=FAM');
    assert.deepEqual(parsed.settings, [{ script: 'true' }]);
    assert.deepEqual(parsed.errors, [
      'line 4: "nonsense" is not key=value',
      'line 5: "[environment]" is not a valid setting name',
      'line 6: inheritance cannot be changed by broadcast',
    ]);
    assert.deepEqual(parseSettings('  \n').errors, ['no settings given']);
  });

  it('splits lists on commas and spaces', () => {
    assert.deepEqual(splitList(' root, FAM  model,,'), ['root', 'FAM', 'model']);
    assert.deepEqual(splitList(''), []);
  });
});
