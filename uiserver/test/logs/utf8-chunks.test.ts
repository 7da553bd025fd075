import assert from 'node:assert/strict';
import { completeLength, Utf8Chunks } from '../../src/logs/utf8-chunks';

describe('Utf8Chunks', () => {
  const text = 'a é € 😀 z\n';
  const bytes = Buffer.from(text);

  it('never splits a character, whatever the read boundaries, and reports exact offsets', () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      for (let cut2 = cut; cut2 <= bytes.length; cut2++) {
        const chunks = new Utf8Chunks(100);
        const pieces = [bytes.subarray(0, cut), bytes.subarray(cut, cut2), bytes.subarray(cut2)].map((part) => chunks.push(part));
        assert.equal(pieces.map((piece) => piece.text).join(''), text, `cuts ${cut},${cut2}`);
        assert.ok(!pieces.some((piece) => piece.text.includes('\ufffd')));
        for (const piece of pieces) {
          if (piece.text === '') continue;
          const start = piece.offset - 100;
          assert.equal(bytes.subarray(start, start + Buffer.byteLength(piece.text)).toString(), piece.text);
        }
        assert.equal(chunks.offset, 100 + bytes.length);
      }
    }
  });

  it('holds back only an unfinished sequence, and lets malformed bytes through', () => {
    assert.equal(completeLength(Buffer.from([0x61, 0xe2, 0x82])), 1);
    assert.equal(completeLength(Buffer.from([0x61, 0xe2, 0x82, 0xac])), 4);
    assert.equal(completeLength(Buffer.from([0x80, 0x80, 0x80, 0x80])), 4);
    assert.equal(completeLength(Buffer.from([0x61, 0xff])), 2);
    const chunks = new Utf8Chunks(0);
    assert.deepEqual(chunks.push(Buffer.from([0xf0, 0x9f])), { offset: 0, text: '' });
    assert.deepEqual(chunks.push(Buffer.from([0x41])), { offset: 0, text: '\ufffdA' });
  });

  it('starts again from an offset after a reset', () => {
    const chunks = new Utf8Chunks(10);
    chunks.push(Buffer.from([0xe2]));
    chunks.reset(0);
    assert.deepEqual(chunks.push(Buffer.from('new')), { offset: 0, text: 'new' });
  });
});
