import assert from 'node:assert/strict';
import { adler32, elementsChecksum, generateChecksum } from '../src';

// Expected values computed with Python's zlib.adler32 and cylc-flow 8.0.2's generate_checksum.
describe('checksum (cylc-flow generate_checksum)', () => {
  it('is zlib adler32', () => {
    assert.equal(adler32(Buffer.from('Wikipedia')), 300286872);
    assert.equal(adler32(Buffer.alloc(0)), 1);
    // 5 MB: sums are reduced per chunk, as zlib does.
    const big = Buffer.concat(Array.from({ length: 20000 }, () => Buffer.from([...Array(256).keys()])));
    assert.equal(adler32(big), 3892590534);
  });

  it('sorts as Python sorts str (code points), then joins', () => {
    // U+1F600 sorts after U+FFFF by code point but before it by UTF-16 unit.
    assert.equal(generateChecksum(['~u/w//1/b@1.5', '~u/w//1/a@2.0', '\u{1F600}x', '\uFFFFy']), 3337686299);
    assert.equal(generateChecksum([]), 1);
  });

  it('uses stamps, and ids for edges', () => {
    const elements = [
      { id: 'b', stamp: '~u/w//1/b@1.5' },
      { id: 'a', stamp: '~u/w//1/a@2.0' },
    ];
    assert.equal(elementsChecksum('task_proxies', elements), generateChecksum(['~u/w//1/a@2.0', '~u/w//1/b@1.5']));
    assert.equal(elementsChecksum('edges', elements), generateChecksum(['a', 'b']));
    assert.equal(elementsChecksum('jobs', [{ id: 'x' }]), generateChecksum(['']));
  });
});
