import assert from 'node:assert/strict';
import { CommandRefused, parseCommand } from '../src/launcher/command';

describe('launcher command parsing', () => {
  it('accepts the four verbs', () => {
    assert.deepEqual(parseCommand('launch'), { verb: 'launch' });
    assert.deepEqual(parseCommand('metrics'), { verb: 'metrics' });
    assert.deepEqual(parseCommand('status 123 456'), { verb: 'status', pid: 123, startTime: 456 });
    assert.deepEqual(parseCommand('stop 123 456'), { verb: 'stop', pid: 123, startTime: 456, timeoutSeconds: 5 });
    assert.deepEqual(parseCommand('stop 123 456 9'), { verb: 'stop', pid: 123, startTime: 456, timeoutSeconds: 9 });
  });

  for (const bad of [
    undefined,
    '',
    'bash',
    'launch now',
    'status',
    'status 1',
    'status -1 2',
    'status 1 2; rm -rf ~',
    'stop 0 1',
    'stop 1 2 999',
    'metrics x',
    'status 1 2 3',
    'ls -la',
    'launch\nmetrics',
  ]) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      assert.throws(() => parseCommand(bad), CommandRefused);
    });
  }

  it('names the allowed commands when refusing an unknown one', () => {
    assert.throws(() => parseCommand('cat /etc/passwd'), /unknown command "cat \/etc\/passwd"; allowed: launch, status/);
  });
});
