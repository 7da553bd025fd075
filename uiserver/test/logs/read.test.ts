import assert from 'node:assert/strict';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { LogApp } from './log-app';
import { RunDirFixture, SECRET } from './run-dir';

describe('GET api/logs/file', () => {
  let fixture: RunDirFixture;
  let app: LogApp;

  before(async () => {
    fixture = await RunDirFixture.create();
    app = await LogApp.start({ cylcRun: fixture.cylcRun, owner: 'alice', backlogBytes: 8 });
  });

  after(async () => {
    await app.stop();
    await fixture.remove();
  });

  function read(query: Record<string, string>): Promise<Response> {
    return fetch(app.url('api/logs/file', query));
  }

  it('answers a job log from an offset, as text with its size', async () => {
    const response = await read({ id: '~alice/clouds/run1//1/climb/01', file: 'job.out', offset: '6' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(response.headers.get('x-log-size'), '10');
    assert.equal(response.headers.get('x-log-offset'), '6');
    assert.equal(await response.text(), 'try\n');
  });

  it('answers the scheduler log through its `log` link', async () => {
    const response = await read({ id: 'clouds/run1', file: 'log', offset: '0' });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'scheduler started\n');
  });

  it('answers only the last backlog bytes by default, starting on a character', async () => {
    await writeFile(fixture.log('job', '1', 'climb', '02', 'job.out'), 'second try\n');
    await appendFile(fixture.log('job', '1', 'climb', '02', 'job.out'), '€€€\n');
    // 11 + 10 bytes; the last 8 start on the third byte of the first €, so the answer starts at the second.
    const response = await read({ id: '~alice/clouds/run1//1/climb/NN', file: 'job.out' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-log-size'), '21');
    assert.equal(response.headers.get('x-log-offset'), '14');
    assert.equal(await response.text(), '€€\n');
  });

  it('answers nothing (with the size) from an offset at or past the end', async () => {
    const response = await read({ id: '~alice/clouds/run1//1/climb/01', file: 'job.out', offset: '999' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-log-size'), '10');
    assert.equal(await response.text(), '');
  });

  it('refuses names that could leave the directory with 400, naming the parameter', async () => {
    const job = '~alice/clouds/run1//1/climb/01';
    const cases: [Record<string, string>, string][] = [
      [{ id: job, file: '../02/job.out' }, 'file'],
      [{ id: job, file: '..' }, 'file'],
      [{ id: job, file: '.' }, 'file'],
      [{ id: job, file: '/etc/passwd' }, 'file'],
      [{ id: job, file: 'job.out\0' }, 'file'],
      [{ id: job, file: '' }, 'file'],
      [{ id: job }, 'file'],
      [{ id: '~alice/clouds/run1//1/climb/..', file: 'job.out' }, 'id'],
      [{ id: '~alice/clouds/run1//../climb/01', file: 'job.out' }, 'id'],
      [{ id: '/etc', file: 'passwd' }, 'id'],
      [{ id: '~alice/clouds/run1//1/climb', file: 'job.out' }, 'id'],
      [{ id: job, file: 'job.out', offset: '-1' }, 'offset'],
      [{ id: job, file: 'job.out', offset: '1e3' }, 'offset'],
      [{ id: job, file: 'job.out', follow: 'yes' }, 'follow'],
    ];
    for (const [query, parameter] of cases) {
      const response = await read(query);
      assert.equal(response.status, 400, JSON.stringify(query));
      const body = (await response.json()) as { code: string; message: string };
      assert.equal(body.code, 'BAD_PARAMETER');
      assert.ok(body.message.startsWith(`Parameter "${parameter}": `), body.message);
    }
  });

  it('refuses percent-encoded dots however often they were encoded', async () => {
    // Once: the query parser decodes to "..", refused as a name; twice: a literal "%2e%2e", refused by the pattern.
    for (const file of ['%2e%2e', '%252e%252e', '%2e%2e%2fescape.out', '..%2fescape.out']) {
      const response = await fetch(`${app.url('api/logs/file', { id: '~alice/clouds/run1//1/climb/01' })}&file=${file}`);
      assert.equal(response.status, 400, file);
    }
  });

  it('answers 404, reading nothing, for links leading out of the log directory', async () => {
    const cases: Record<string, string>[] = [
      { id: '~alice/clouds/run1//1/climb/01', file: 'escape.out' },
      { id: '~alice/clouds/run1//1/climb/01', file: 'share.out' },
      { id: '~alice/clouds/run1//1/leak/01', file: 'job.out' },
      { id: '~alice/clouds/run1//1/climb/01', file: 'escape.out', follow: '1' },
    ];
    for (const query of cases) {
      const response = await read(query);
      assert.equal(response.status, 404, JSON.stringify(query));
      const text = await response.text();
      assert.ok(!text.includes(SECRET), 'nothing from outside');
      assert.ok(!text.includes(fixture.home), 'no absolute path');
      assert.equal((JSON.parse(text) as { code: string }).code, 'NOT_FOUND');
    }
  });

  it('answers 404 for missing files and for other owners', async () => {
    const missing = await read({ id: '~alice/clouds/run1//1/climb/01', file: 'job.status' });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { message: string }).message, 'No log file "job.status" for ~alice/clouds/run1//1/climb/01.');
    await mkdir(fixture.log('job', '1', 'climb', '02', 'job.out.d'));
    const directory = await read({ id: '~alice/clouds/run1//1/climb/NN', file: 'job.out.d' });
    assert.equal(directory.status, 404);
    const other = await read({ id: '~bob/clouds/run1//1/climb/01', file: 'job.out' });
    assert.equal(other.status, 404);
    assert.equal(((await other.json()) as { message: string }).message, 'No workflow ~bob/clouds/run1//1/climb/01 on this server.');
  });
});
