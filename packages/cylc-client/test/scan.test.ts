import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scanRuns } from '../src';
import { useTmpDir } from './tmpdir';

async function makeRun(root: string, id: string, running = false): Promise<void> {
  const dir = join(root, ...id.split('/'));
  await mkdir(join(dir, 'log'), { recursive: true });
  await writeFile(join(dir, 'flow.cylc'), '');
  if (running) {
    await mkdir(join(dir, '.service'));
    await writeFile(join(dir, '.service', 'contact'), 'CYLC_API=5\n');
  }
}

describe('workflow scan', () => {
  const tmp = useTmpDir();

  it('finds flat, numbered and nested runs, running or stopped', async () => {
    const root = tmp();
    await makeRun(root, 'flat', true);
    await makeRun(root, 'clouds/run1');
    await makeRun(root, 'clouds/run2', true);
    await symlink('run2', join(root, 'clouds', 'runN'));
    await mkdir(join(root, 'clouds', '_cylc-install'));
    await makeRun(root, 'a/b/c/run1', true);
    await symlink('run1', join(root, 'a', 'b', 'c', 'runN'));
    await makeRun(root, 'lab/exp'); // nested, unnumbered
    await makeRun(root, 'flat/nested-inside-run'); // inside a run: not a workflow of its own
    await mkdir(join(root, 'empty', 'dir'), { recursive: true });
    await writeFile(join(root, 'stray-file'), '');

    const runs = await scanRuns(root);
    assert.deepEqual(
      runs.map((r) => [r.id, r.workflow, r.run, r.latest, r.running]),
      [
        ['a/b/c/run1', 'a/b/c', 'run1', true, true],
        ['clouds/run1', 'clouds', 'run1', false, false],
        ['clouds/run2', 'clouds', 'run2', true, true],
        ['flat', 'flat', undefined, true, true],
        ['lab/exp', 'lab/exp', undefined, true, false],
      ],
    );
    assert.equal(runs[0]?.runDir, join(root, 'a', 'b', 'c', 'run1'));
  });

  it('stops at maxDepth, like cylc scan', async () => {
    const root = tmp();
    await makeRun(root, 'a/b/c/d/e');
    await makeRun(root, 'x/y');
    assert.deepEqual(
      (await scanRuns(root)).map((r) => r.id),
      ['x/y'],
    );
    assert.deepEqual(
      (await scanRuns(root, { maxDepth: 5 })).map((r) => r.id),
      ['a/b/c/d/e', 'x/y'],
    );
    assert.deepEqual(
      (await scanRuns(root, { maxDepth: 1 })).map((r) => r.id),
      [],
    );
  });

  it('a missing cylc-run directory has no runs', async () => {
    assert.deepEqual(await scanRuns(join(tmp(), 'nope')), []);
  });
});
