import assert from 'node:assert/strict';
import { parseCommandLine } from '../src/args';
import { UsageError } from '../src/startup-errors';

describe('parseCommandLine', () => {
  it('accepts the launcher command line', () => {
    assert.deepEqual(parseCommandLine(['--isobar-uiserver', '--bind', '127.0.0.2']), { bind: '127.0.0.2', user: undefined });
    assert.deepEqual(parseCommandLine(['--bind', '::1', '--isobar-uiserver', '--user', 'alice']), { bind: '::1', user: 'alice' });
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
