import assert from 'node:assert/strict';
import { LogFollower, dropUtf8Bytes, parseChunk, utf8Length } from '../../web/src/model/log-buffer';

describe('log follower', () => {
  it('counts UTF-8 bytes like the server does', () => {
    assert.equal(utf8Length('abc'), 3);
    assert.equal(utf8Length('é'), 2);
    assert.equal(utf8Length('€'), 3);
    assert.equal(utf8Length('🌧'), 4);
    assert.equal(dropUtf8Bytes('é€x', 5), 'x');
    assert.equal(dropUtf8Bytes('é€x', 0), 'é€x');
  });

  it('appends contiguous chunks', () => {
    const log = new LogFollower();
    assert.deepEqual(log.chunk({ offset: 0, text: 'one\n' }), { reset: true, append: 'one\n' });
    assert.deepEqual(log.chunk({ offset: 4, text: 'twø\n' }), { reset: false, append: 'twø\n' });
    assert.equal(log.resumeOffset, 9);
  });

  it('marks a missing start, gaps, and drops overlaps after a reconnect', () => {
    const log = new LogFollower();
    assert.deepEqual(log.chunk({ offset: 100, text: 'tail' }), { reset: true, append: '[… first 100 bytes not shown …]\ntail' });
    assert.deepEqual(log.chunk({ offset: 102, text: 'ilMORE' }), { reset: false, append: 'MORE' });
    assert.deepEqual(log.chunk({ offset: 100, text: 'ta' }), { reset: false, append: '' });
    assert.deepEqual(log.chunk({ offset: 110, text: 'x' }), { reset: false, append: '\n[… 2 bytes not shown …]\nx' });
  });

  it('starts over when the file is truncated', () => {
    const log = new LogFollower();
    log.chunk({ offset: 0, text: 'old' });
    assert.deepEqual(log.truncated(), { reset: true, append: '' });
    assert.deepEqual(log.chunk({ offset: 0, text: 'new' }), { reset: true, append: 'new' });
  });

  it('parses chunk events strictly', () => {
    assert.deepEqual(parseChunk('{"offset":3,"text":"x"}'), { offset: 3, text: 'x' });
    assert.equal(parseChunk('nope'), undefined);
    assert.equal(parseChunk('{"offset":-1,"text":"x"}'), undefined);
    assert.equal(parseChunk('{"offset":1}'), undefined);
    assert.equal(parseChunk('null'), undefined);
  });
});
