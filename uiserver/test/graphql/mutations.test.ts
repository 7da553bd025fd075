import assert from 'node:assert/strict';
import { SchedulerError } from '@isobar/cylc-client';
import { cloudsWorkflow, idsOf } from './fixtures';
import { startTestServer, type TestServer } from './servers';

const clouds = idsOf('alice', 'clouds/run1');
const rain = idsOf('alice', 'rain/run2');

function firstMessage(body: Record<string, unknown>): string {
  const errors = body['errors'];
  assert.ok(Array.isArray(errors) && errors.length > 0, `no errors in ${JSON.stringify(body)}`);
  return String((errors[0] as Record<string, unknown>)['message']);
}

describe('GraphQL mutations', () => {
  let server: TestServer;
  const played: string[] = [];

  beforeEach(async () => {
    played.length = 0;
    server = await startTestServer({
      service: {
        control: {
          play: (name) => {
            played.push(name);
            return name === 'broken/run1' ? Promise.reject(new Error('cylc play failed: no flow.cylc')) : Promise.resolve({ output: '' });
          },
        },
      },
    });
    server.source.add(cloudsWorkflow('alice', 'clouds/run1'));
    server.source.add(cloudsWorkflow('alice', 'rain/run2'));
  });

  afterEach(() => server.close());

  it("forwards the owner's mutation to each workflow it names, as the owner, one field and one workflow at a time", async () => {
    const { status, body } = await server.post({
      query: `mutation Hold($tasks: [NamespaceIDGlob]!, $w: [WorkflowID]!) {
        held: hold(workflows: $w, tasks: $tasks) { result }
      }`,
      variables: { tasks: ['2/climb'], undeclared: 'x', w: ['~alice/*'] },
      operationName: 'Hold',
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(body['data'], {
      held: {
        result: [
          { id: clouds.workflow, response: [true, 'Command queued'] },
          { id: rain.workflow, response: [true, 'Command queued'] },
        ],
      },
    });
    assert.deepEqual(
      server.source.forwarded.map((call) => call.workflowId),
      [clouds.workflow, rain.workflow],
    );
    for (const call of server.source.forwarded) {
      assert.equal(call.authUser, 'alice');
      assert.deepEqual(call.variables, { tasks: ['2/climb'] });
      assert.equal(
        call.query,
        `mutation ($tasks: [NamespaceIDGlob]!) {\n  hold(workflows: ["${call.workflowId}"], tasks: $tasks) {\n    result\n  }\n}`,
      );
    }
  });

  it('forwards each field of a document separately', async () => {
    const { status } = await server.post({
      query: `mutation {
        pause(workflows: ["clouds/run1"]) { result }
        ... on Mutations { setVerbosity(workflows: ["~alice/rain/run2"], level: DEBUG) { result } }
        trigger(workflows: ["clouds/run1"], tasks: ["1/*"], flow: ["new"]) @skip(if: true) { result }
      }`,
    });
    assert.equal(status, 200);
    assert.deepEqual(
      server.source.forwarded.map((call) => [call.workflowId, call.query.replace(/\s+/g, ' ')]),
      [
        [clouds.workflow, `mutation { pause(workflows: ["${clouds.workflow}"]) { result } }`],
        [rain.workflow, `mutation { setVerbosity(workflows: ["${rain.workflow}"], level: DEBUG) { result } }`],
      ],
    );
  });

  it("refuses a visitor's mutation with 403 and forwards nothing", async () => {
    const { status, body } = await server.post({ query: 'mutation { pause(workflows: ["~alice/clouds/run1"]) { result } }' }, 'bob');
    assert.equal(status, 403);
    assert.equal(firstMessage(body), 'bob may not pause ~alice/clouds/run1.');
    assert.deepEqual(server.source.forwarded, []);
  });

  it('refuses a mutation naming a workflow not held here, and forwards none of the others', async () => {
    for (const workflows of ['~bob/clouds/run1', 'nowhere/run1', '~alice/x*']) {
      const { status, body } = await server.post({
        query: `mutation { resume(workflows: ["clouds/run1"]) { result } stop(workflows: ["${workflows}"]) { result } }`,
      });
      assert.equal(status, 404, workflows);
      assert.equal(firstMessage(body), `stop: no workflow here matches "${workflows}".`);
    }
    assert.deepEqual(server.source.forwarded, []);
  });

  it('refuses arguments of the wrong type before forwarding', async () => {
    const { status, body } = await server.post({ query: 'mutation { hold(workflows: ["clouds/run1"], tasks: [1]) { result } }' });
    assert.equal(status, 400);
    assert.match(firstMessage(body), /NamespaceIDGlob cannot represent a non-string value/);
    assert.deepEqual(server.source.forwarded, []);
  });

  it('answers for each workflow, failures included', async () => {
    server.source.answer = (call) =>
      call.workflowId === rain.workflow
        ? Promise.reject(new SchedulerError('~alice/rain/run2: not running'))
        : Promise.resolve({ reload: { result: [{ id: call.workflowId, response: [true, 'Command queued'] }] } });
    const { status, body } = await server.post({ query: 'mutation { reload(workflows: ["~alice/*"]) { result } }' });
    assert.equal(status, 200);
    assert.deepEqual(body['data'], {
      reload: {
        result: [
          { id: clouds.workflow, response: [true, 'Command queued'] },
          { id: rain.workflow, response: [false, '~alice/rain/run2: not running'] },
        ],
      },
    });
  });

  it('plays workflows itself, as the owner only', async () => {
    server.source.add(cloudsWorkflow('alice', 'broken/run1'), false);
    const refused = await server.post({ query: 'mutation { play(workflows: ["clouds/run1"]) { result } }' }, 'bob');
    assert.equal(refused.status, 403);
    assert.deepEqual(played, []);
    const { status, body } = await server.post({ query: 'mutation { play(workflows: ["clouds/run1", "broken/run1"]) { result } }' });
    assert.equal(status, 200);
    assert.deepEqual(played, ['clouds/run1', 'broken/run1']);
    assert.deepEqual(body['data'], {
      play: {
        result: [
          { id: clouds.workflow, response: [true, 'Started'] },
          { id: '~alice/broken/run1', response: [false, 'cylc play failed: no flow.cylc'] },
        ],
      },
    });
    assert.deepEqual(server.source.forwarded, [], 'play is not a scheduler mutation');
    assert.equal(server.source.rescans, 1);
  });
});

describe('GraphQL timing', () => {
  it("reports the schedulers' time and the whole request's in Server-Timing", async () => {
    const server = await startTestServer();
    try {
      server.source.add(cloudsWorkflow('alice', 'clouds/run1'));
      const queued = server.source.answer;
      // Two schedulers answering at once for 60 ms wait 60 ms, not 120 ms.
      server.source.answer = (call) => new Promise((resolve) => setTimeout(() => resolve(queued(call)), 60));
      server.source.add(cloudsWorkflow('alice', 'rain/run2'));
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation { pause(workflows: ["~alice/*"]) { result } }' }),
      });
      assert.equal(response.status, 200);
      const timing = response.headers.get('server-timing') ?? '';
      const scheduler = Number(/scheduler;dur=([\d.]+)/.exec(timing)?.[1]);
      const total = Number(/total;dur=([\d.]+)/.exec(timing)?.[1]);
      assert.ok(scheduler >= 55 && scheduler < 110, timing);
      assert.ok(total >= scheduler, timing);
      const read = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ workflows { id } }' }),
      });
      assert.match(read.headers.get('server-timing') ?? '', /^scheduler;dur=0\.00, total;dur=/);
    } finally {
      await server.close();
    }
  });
});
