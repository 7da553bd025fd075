import assert from 'node:assert/strict';
import { LogApp } from './log-app';
import { RunDirFixture } from './run-dir';

describe('GET api/logs/files', () => {
  let fixture: RunDirFixture;
  let app: LogApp;

  before(async () => {
    fixture = await RunDirFixture.create();
    app = await LogApp.start({ cylcRun: fixture.cylcRun, owner: 'alice' });
  });

  after(async () => {
    await app.stop();
    await fixture.remove();
  });

  async function list(id: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(app.url('api/logs/files', { id }));
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it("lists a workflow's scheduler logs (the `log` link included)", async () => {
    const { status, body } = await list('~alice/clouds/run1');
    assert.equal(status, 200);
    assert.equal(body['id'], '~alice/clouds/run1');
    assert.equal(body['kind'], 'workflow');
    const files = body['files'] as { name: string; size: number; modified: string }[];
    assert.deepEqual(
      files.map((file) => [file.name, file.size]),
      [
        ['01-start-01.log', 18],
        ['log', 18],
      ],
    );
    assert.ok(files.every((file) => !Number.isNaN(Date.parse(file.modified)) && file.modified.endsWith('Z')));
  });

  it('finds the latest run through runN when the ID has no run', async () => {
    const { status, body } = await list('clouds');
    assert.equal(status, 200);
    assert.equal(body['id'], '~alice/clouds');
    assert.equal((body['files'] as unknown[]).length, 2);
  });

  it("lists a task's submits, not the NN link", async () => {
    const { status, body } = await list('~alice/clouds/run1//1/climb');
    assert.equal(status, 200);
    assert.deepEqual(body, { id: '~alice/clouds/run1//1/climb', kind: 'task', submits: ['01', '02'] });
  });

  it("lists a job's files, leaving out links that lead out of the log directory", async () => {
    const { status, body } = await list('~alice/clouds/run1//1/climb/01');
    assert.equal(status, 200);
    assert.equal(body['kind'], 'job');
    assert.deepEqual(
      (body['files'] as { name: string }[]).map((file) => file.name),
      ['job', 'job.err', 'job.out'],
    );
  });

  it('follows NN to the latest submit', async () => {
    const { body } = await list('~alice/clouds/run1//1/climb/NN');
    assert.deepEqual(
      (body['files'] as { name: string; size: number }[]).map((file) => [file.name, file.size]),
      [['job.out', 11]],
    );
  });

  it('answers 404 for what is missing, lies outside, or belongs to another owner', async () => {
    for (const id of [
      '~alice/clouds/run9',
      'rain',
      '~alice/clouds/run1//2/climb',
      '~alice/clouds/run1//1/climb/03',
      '~alice/clouds/run1//1/leak/01',
    ]) {
      const { status, body } = await list(id);
      assert.equal(status, 404, id);
      assert.equal(body['code'], 'NOT_FOUND');
      assert.ok(!String(body['message']).includes(fixture.home), 'no absolute path in the message');
    }
    const { status, body } = await list('~bob/clouds/run1');
    assert.equal(status, 404);
    assert.equal(body['message'], 'No workflow ~bob/clouds/run1 on this server.');
  });

  it('answers 400 naming the parameter for a missing or malformed ID', async () => {
    for (const id of ['', '../clouds', 'clouds/..', '/etc', 'clouds//1/../..', 'clouds\0']) {
      const { status, body } = await list(id);
      assert.equal(status, 400, JSON.stringify(id));
      assert.equal(body['code'], 'BAD_PARAMETER');
      assert.match(String(body['message']), /^Parameter "id": /);
    }
    const repeated = await fetch(`${app.url('api/logs/files')}?id=clouds&id=rain`);
    assert.equal(repeated.status, 400);
  });

  it('allows only GET and HEAD', async () => {
    const response = await fetch(app.url('api/logs/files', { id: 'clouds' }), { method: 'POST' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET, HEAD');
  });
});
