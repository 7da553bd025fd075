import assert from 'node:assert/strict';
import { Logger } from '../src/log';
import { LineSink } from './clock';

describe('Logger', () => {
  it('writes one line per event with fields', () => {
    const sink = new LineSink();
    const log = new Logger(sink, 'uiserver', () => new Date('2025-01-01T00:00:00Z'));
    log.info('signed in\nsecond line', { visitor: 'jacintar', note: 'two words', skipped: undefined });
    assert.equal(sink.lines.length, 1);
    assert.match(
      sink.lines[0] ?? '',
      /^2025-01-01T00:00:00.000Z INFO uiserver\[\d+\]: signed in second line visitor=jacintar note="two words"\n$/,
    );
  });

  it('masks registered secrets wherever they appear', () => {
    const sink = new LineSink();
    const log = new Logger(sink);
    log.addSecret('s3cret-token-value');
    log.warn('hub said: bad token s3cret-token-value', { echo: 'xs3cret-token-valuex' });
    assert.ok(!sink.text.includes('s3cret-token-value'));
    assert.match(sink.text, /\[secret\]/);
  });

  it('survives a sink that throws', () => {
    const log = new Logger({
      write: () => {
        throw new Error('EPIPE');
      },
    });
    log.error('still fine');
  });
});
