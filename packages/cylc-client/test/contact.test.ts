import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContactFileError, WorkflowNotRunningError, parseContact, readContact } from '../src';
import { useTmpDir } from './tmpdir';

// As written by cylc-flow 8.0.2 for atmosphere_stage's clouds.
export const SAMPLE_CONTACT = `CYLC_API=5
CYLC_VERSION=8.0.2
CYLC_WORKFLOW_COMMAND=/usr/bin/python3 /opt/isobar-cylc/bin/cylc play clouds
CYLC_WORKFLOW_HOST=localhost
CYLC_WORKFLOW_ID=clouds/run1
CYLC_WORKFLOW_OWNER=atmosphere_stage
CYLC_WORKFLOW_PID=5318
CYLC_WORKFLOW_PORT=43032
CYLC_WORKFLOW_PUBLISH_PORT=43039
CYLC_WORKFLOW_RUN_DIR_ON_WORKFLOW_HOST=/home/atmosphere_stage/cylc-run/clouds/run1
CYLC_WORKFLOW_UUID=50642750-e71e-4bda-9c49-da79b357eba6
SCHEDULER_CYLC_PATH=/opt/isobar-cylc/bin
SCHEDULER_SSH_COMMAND=ssh -oBatchMode=yes -oConnectTimeout=10
SCHEDULER_USE_LOGIN_SHELL=True
`;

function without(key: string): string {
  return SAMPLE_CONTACT.split('\n')
    .filter((l) => !l.startsWith(`${key}=`))
    .join('\n');
}

function replaced(key: string, value: string): string {
  return SAMPLE_CONTACT.replace(new RegExp(`^${key}=.*$`, 'm'), `${key}=${value}`);
}

function assertContactError(fn: () => unknown, key: string | undefined, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ContactFileError);
    assert.equal(err.code, 'CONTACT_INVALID');
    assert.equal(err.file, '/x/.service/contact');
    assert.equal(err.key, key);
    assert.match(err.message, /^\/x\/\.service\/contact: /);
    assert.match(err.message, pattern);
    return true;
  });
}

describe('contact file', () => {
  const tmp = useTmpDir();

  it('parses the fields a client needs, keeping every line', () => {
    const c = parseContact(SAMPLE_CONTACT, 'contact');
    assert.equal(c.api, 5);
    assert.equal(c.version, '8.0.2');
    assert.equal(c.host, 'localhost');
    assert.equal(c.workflowId, 'clouds/run1');
    assert.equal(c.owner, 'atmosphere_stage');
    assert.equal(c.pid, 5318);
    assert.equal(c.port, 43032);
    assert.equal(c.publishPort, 43039);
    assert.equal(c.uuid, '50642750-e71e-4bda-9c49-da79b357eba6');
    assert.equal(c.runDir, '/home/atmosphere_stage/cylc-run/clouds/run1');
    assert.equal(c.raw['SCHEDULER_SSH_COMMAND'], 'ssh -oBatchMode=yes -oConnectTimeout=10');
  });

  it('names the file and the key that is missing or malformed', () => {
    assertContactError(() => parseContact(without('CYLC_WORKFLOW_PORT'), '/x/.service/contact'), 'CYLC_WORKFLOW_PORT', /missing/);
    assertContactError(
      () => parseContact(replaced('CYLC_WORKFLOW_PORT', '70000'), '/x/.service/contact'),
      'CYLC_WORKFLOW_PORT',
      /1\.\.65535.*"70000"/,
    );
    assertContactError(() => parseContact(replaced('CYLC_WORKFLOW_PID', '12a'), '/x/.service/contact'), 'CYLC_WORKFLOW_PID', /integer/);
    assertContactError(() => parseContact(replaced('CYLC_WORKFLOW_HOST', ''), '/x/.service/contact'), 'CYLC_WORKFLOW_HOST', /empty/);
    assertContactError(() => parseContact(`${SAMPLE_CONTACT}CYLC_API=6\n`, '/x/.service/contact'), 'CYLC_API', /twice \(line 15\)/);
    assertContactError(() => parseContact(`garbage\n${SAMPLE_CONTACT}`, '/x/.service/contact'), undefined, /line 1 is not KEY=VALUE/);
  });

  it('reads <run>/.service/contact; no file means not running', async () => {
    const run = join(tmp(), 'run1');
    await mkdir(join(run, '.service'), { recursive: true });
    await assert.rejects(readContact(run), (err: unknown) => err instanceof WorkflowNotRunningError && err.code === 'WORKFLOW_NOT_RUNNING');
    await writeFile(join(run, '.service', 'contact'), SAMPLE_CONTACT);
    assert.equal((await readContact(run)).port, 43032);
  });
});
