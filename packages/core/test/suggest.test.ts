import assert from 'node:assert/strict';
import { closestMatch, editDistance } from '../src/suggest';

describe('suggest', () => {
  it('measures edit distance', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('Port', 'port'), 0);
    assert.equal(editDistance('sede', 'seed'), 1);
    assert.equal(editDistance('abc', ''), 3);
  });

  it('suggests a near key and nothing for a far one', () => {
    const keys = ['publicUrl', 'hubIp', 'hubPort', 'proxyApiPort'];
    assert.equal(closestMatch('pubilcUrl', keys), 'publicUrl');
    assert.equal(closestMatch('hubport', keys), 'hubPort');
    assert.equal(closestMatch('colour', keys), undefined);
    assert.equal(closestMatch('x', []), undefined);
  });
});
