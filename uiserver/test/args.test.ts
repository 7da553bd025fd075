import assert from 'node:assert/strict';
import { parseCommandLine } from '../src/args';
import { UsageError } from '../src/startup-errors';

describe('parseCommandLine', () => {
  it('accepts the launcher command line', () => {
    assert.deepEqual(parseCommandLine(['--isobar-uiserver', '--bind', '127.0.0.2']), { bind: '127.0.0.2' });
    assert.deepEqual(parseCommandLine(['--bind', '::1', '--isobar-uiserver']), { bind: '::1' });
  });

  it('refuses anything else', () => {
    for (const argv of [
      [],
      ['--bind', '127.0.0.1'],
      ['--isobar-uiserver'],
      ['--isobar-uiserver', '--bind'],
      ['--isobar-uiserver', '--bind', 'localhost'],
      ['--isobar-uiserver', '--bind', '127.0.0.1', '--token', 'x'],
    ]) {
      assert.throws(() => parseCommandLine(argv), UsageError, argv.join(' '));
    }
  });
});
