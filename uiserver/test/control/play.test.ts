import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CylcCommandError, InvalidWorkflowNameError, WorkflowControl } from '../../src/control/play';
import { CommandStartError } from '../../src/control/run-command';

/**
 * A stand-in for `cylc`: records its argv (one per line) and how often it
 * ran, then behaves as $FAKE_MODE says.
 */
const FAKE_CYLC = `#!/bin/sh
printf '%s\\n' "$@" > "$FAKE_DIR/argv"
echo run >> "$FAKE_DIR/runs"
case "$FAKE_MODE" in
  fail) echo "starting $2"; printf '\\033[1;31mWorkflowFilesError: %s is already running\\033[0m\\n' "$2" >&2; exit 1 ;;
  silent-fail) exit 3 ;;
  slow) sleep 5 ;;
  chatty) i=0; while [ $i -lt 2000 ]; do echo "line $i of a long start-up banner"; i=$((i+1)); done ;;
  pause) sleep 0.3; echo "started $2" ;;
  *) echo "started $2" ;;
esac
`;

describe('WorkflowControl.play', () => {
  let dir: string;
  let cylc: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'isobar-play-'));
    cylc = join(dir, 'cylc');
    await writeFile(cylc, FAKE_CYLC);
    await chmod(cylc, 0o755);
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function control(mode: string, extra: { timeoutMs?: number; maxOutputBytes?: number } = {}): WorkflowControl {
    return new WorkflowControl({ cylcCommand: cylc, env: { ...process.env, FAKE_DIR: dir, FAKE_MODE: mode }, ...extra });
  }

  async function argv(): Promise<string[]> {
    return (await readFile(join(dir, 'argv'), 'utf8')).split('\n').slice(0, -1);
  }

  it('runs `cylc play <name>` with the name as one argument and answers its output', async () => {
    const result = await control('ok').play('clouds/run1');
    assert.deepEqual(await argv(), ['play', 'clouds/run1']);
    assert.equal(result.output, 'started clouds/run1');
  });

  it("fails with Cylc's own message (without colour codes) when cylc exits non-zero", async () => {
    await assert.rejects(control('fail').play('clouds'), (err: unknown) => {
      assert.ok(err instanceof CylcCommandError);
      assert.equal(err.message, 'WorkflowFilesError: clouds is already running');
      assert.equal(err.exitCode, 1);
      assert.match(err.output, /starting clouds/);
      return true;
    });
  });

  it('says how cylc ended when it printed nothing', async () => {
    await assert.rejects(control('silent-fail').play('clouds'), { name: 'CylcCommandError', message: 'cylc play failed (exit code 3).' });
  });

  it('gives up after the timeout', async () => {
    const started = Date.now();
    await assert.rejects(control('slow', { timeoutMs: 200 }).play('clouds'), {
      name: 'CylcCommandError',
      message: /did not finish within/,
    });
    assert.ok(Date.now() - started < 3000);
  });

  it('caps the output it keeps', async () => {
    const { output } = await control('chatty', { maxOutputBytes: 1000 }).play('clouds');
    assert.ok(output.length < 1100, String(output.length));
    assert.match(output, /\[output cut at 1000 bytes\]$/);
  });

  it('never runs cylc for a name that is not a workflow name', async () => {
    const bad = [
      '',
      '-x',
      '--help',
      '../x',
      'clouds/../x',
      'clouds//run1',
      '/abs',
      '~alice/clouds',
      'a b',
      'a;rm -rf x',
      '.hidden',
      'clouds/log',
      'a\0b',
      '$(id)',
    ];
    for (const name of bad) {
      await assert.rejects(control('ok').play(name), InvalidWorkflowNameError, JSON.stringify(name));
    }
    await assert.rejects(readFile(join(dir, 'runs')), { code: 'ENOENT' });
  });

  it('shares one run between requests for a workflow already starting', async () => {
    const workflows = control('pause');
    const [first, second] = await Promise.all([workflows.play('clouds'), workflows.play('clouds')]);
    assert.deepEqual(first, second);
    assert.equal(await readFile(join(dir, 'runs'), 'utf8'), 'run\n');
    await workflows.play('clouds');
    assert.equal(await readFile(join(dir, 'runs'), 'utf8'), 'run\nrun\n');
  });

  it('reports a cylc that cannot be started', async () => {
    const missing = new WorkflowControl({ cylcCommand: join(dir, 'no-such-cylc') });
    await assert.rejects(missing.play('clouds'), CommandStartError);
  });
});
