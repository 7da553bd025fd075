import assert from 'node:assert/strict';
import { cloudsWorkflow, idsOf } from './fixtures';
import { startTestServer, type TestServer } from './servers';
import { BareClient, graphqlWsClient, sleep, subscribe, waitFor, type Result } from './ws-clients';

const clouds = idsOf('alice', 'clouds/run1');
const rain = idsOf('alice', 'rain/run2');

const ELEMENTS = 'workflow { id status } taskProxies { id state isHeld } jobs { id state } familyProxies { id state }';
const DELTAS = `subscription { deltas(workflows: ["~alice/*"]) {
  id reset shutdown
  added { ${ELEMENTS} }
  updated { ${ELEMENTS} }
  pruned { workflow taskProxies jobs familyProxies tasks families edges }
} }`;

type Row = Record<string, unknown>;

function deltasOf(result: Result | undefined): Row {
  assert.ok(result !== undefined, 'no message');
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return (result.data as Record<string, Row>)['deltas'] as Row;
}

function part(deltas: Row, name: 'added' | 'updated' | 'pruned'): Record<string, unknown> {
  return deltas[name] as Record<string, unknown>;
}

describe('graphql websocket', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
    server.source.add(cloudsWorkflow('alice', 'clouds/run1'));
  });

  afterEach(() => server.close());

  it('starts with a reset holding everything, then sends each burst of changes as one message', async () => {
    const { client } = graphqlWsClient(server.wsUrl);
    const subscription = subscribe(client, DELTAS);
    await waitFor('the first message', () => subscription.results.length === 1);
    const first = deltasOf(subscription.results[0]);
    assert.equal(first['id'], clouds.workflow);
    assert.equal(first['reset'], true);
    assert.equal(first['shutdown'], false);
    assert.deepEqual(part(first, 'added')['workflow'], { id: clouds.workflow, status: 'running' });
    assert.equal((part(first, 'added')['taskProxies'] as unknown[]).length, 30);
    assert.equal((part(first, 'added')['jobs'] as unknown[]).length, 12);
    assert.equal(part(first, 'updated')['workflow'], null);
    assert.deepEqual(part(first, 'pruned')['taskProxies'], []);

    // One burst, as the monitor reports it: three events, each after its store change.
    const workflow = server.source.workflow(clouds.workflow);
    workflow.store.apply({ task_proxies: { updated: [{ id: clouds.proxy(2, 'climb'), state: 'succeeded' }] } });
    server.source.change({ workflowId: clouds.workflow, updated: { task_proxies: [clouds.proxy(2, 'climb')] } });
    workflow.store.apply({
      task_proxies: { added: [{ id: clouds.proxy(4, 'climb'), name: 'climb', cycle_point: '4', state: 'waiting' }] },
    });
    server.source.change({ workflowId: clouds.workflow, updated: { task_proxies: [clouds.proxy(4, 'climb')] } });
    workflow.store.apply({ jobs: { pruned: [clouds.job(1, 'climb', 1)] }, workflow: { updated: { status: 'paused' } } });
    workflow.status = 'paused';
    server.source.change({ workflowId: clouds.workflow, workflowUpdated: true, pruned: { jobs: [clouds.job(1, 'climb', 1)] } });

    await waitFor('the burst', () => subscription.results.length === 2);
    await sleep(60);
    assert.equal(subscription.results.length, 2, 'one message for the burst');
    const burst = deltasOf(subscription.results[1]);
    assert.equal(burst['reset'], false);
    assert.deepEqual(part(burst, 'updated')['taskProxies'], [{ id: clouds.proxy(2, 'climb'), state: 'succeeded', isHeld: false }]);
    assert.deepEqual(part(burst, 'added')['taskProxies'], [{ id: clouds.proxy(4, 'climb'), state: 'waiting', isHeld: false }]);
    assert.deepEqual(part(burst, 'updated')['workflow'], { id: clouds.workflow, status: 'paused' });
    assert.deepEqual(part(burst, 'pruned')['jobs'], [clouds.job(1, 'climb', 1)]);
    assert.deepEqual(part(burst, 'updated')['jobs'], []);
    subscription.dispose();
    await client.dispose();
  });

  it('runs a document once per burst for all its subscribers, and sends each the same message', async () => {
    const first = graphqlWsClient(server.wsUrl);
    const second = graphqlWsClient(server.wsUrl);
    const a = subscribe(first.client, DELTAS);
    const b = subscribe(second.client, DELTAS);
    await waitFor('both resets', () => a.results.length === 1 && b.results.length === 1);
    const before = server.live.stats().executions;
    server.source.workflow(clouds.workflow).store.apply({ task_proxies: { updated: [{ id: clouds.proxy(3, 'fog'), is_held: false }] } });
    server.source.change({ workflowId: clouds.workflow, updated: { task_proxies: [clouds.proxy(3, 'fog')] } });
    await waitFor('both deltas', () => a.results.length === 2 && b.results.length === 2);
    assert.equal(server.live.stats().executions - before, 1);
    assert.deepEqual(a.results[1], b.results[1]);
    assert.deepEqual(part(deltasOf(a.results[1]), 'updated')['taskProxies'], [
      { id: clouds.proxy(3, 'fog'), state: 'waiting', isHeld: false },
    ]);
    await first.client.dispose();
    await second.client.dispose();
  });

  it('sends only the workflows a subscription names, and resets after a stop and on a new workflow', async () => {
    const { client } = graphqlWsClient(server.wsUrl);
    const onlyRain = subscribe(client, 'subscription ($w: [ID]) { deltas(workflows: $w) { id reset added { workflow { id status } } } }', {
      w: ['rain/*'],
    });
    const everything = subscribe(client, 'subscription { deltas { id reset added { workflow { id status } taskProxies { id } } } }');
    await waitFor('the reset of clouds', () => everything.results.length === 1);
    assert.equal(onlyRain.results.length, 0);

    const rainRun = server.source.add(cloudsWorkflow('alice', 'rain/run2'));
    server.source.change({ workflowId: rain.workflow, reset: true, removed: false });
    await waitFor('the new workflow', () => onlyRain.results.length === 1 && everything.results.length === 2);
    assert.equal(deltasOf(onlyRain.results[0])['id'], rain.workflow);

    // Stopped: history from the run database replaces the live store.
    rainRun.live = false;
    rainRun.status = 'stopped';
    rainRun.store.loadEntire(cloudsWorkflow('alice', 'rain/run2', 'stopped'));
    server.source.change({ workflowId: rain.workflow, reset: true });
    await waitFor('the reset after the stop', () => onlyRain.results.length === 2);
    const stopped = deltasOf(onlyRain.results[1]);
    assert.equal(stopped['reset'], true);
    assert.deepEqual(part(stopped, 'added')['workflow'], { id: rain.workflow, status: 'stopped' });
    await client.dispose();
  });

  it('tells subscribers of a workflow that has gone', async () => {
    const { client } = graphqlWsClient(server.wsUrl);
    const subscription = subscribe(client, DELTAS);
    await waitFor('the reset', () => subscription.results.length === 1);
    server.source.remove(clouds.workflow);
    await waitFor('the removal', () => subscription.results.length === 2);
    const gone = deltasOf(subscription.results[1]);
    assert.equal(gone['shutdown'], true);
    assert.equal(gone['reset'], true);
    assert.equal(part(gone, 'pruned')['workflow'], clouds.workflow);
    await client.dispose();
  });

  it('answers queries and mutations once, then completes', async () => {
    const alice = graphqlWsClient(server.wsUrl);
    const query = subscribe(alice.client, '{ workflows { id status } }');
    await waitFor('the answer', () => query.completed);
    assert.deepEqual(query.results, [{ data: { workflows: [{ id: clouds.workflow, status: 'running' }] } }]);

    const mutation = subscribe(alice.client, 'mutation { pause(workflows: ["clouds/run1"]) { result } }');
    await waitFor('the mutation', () => mutation.completed);
    assert.deepEqual(mutation.results, [{ data: { pause: { result: [{ id: clouds.workflow, response: [true, 'Command queued'] }] } } }]);
    assert.equal(server.source.forwarded.length, 1);

    const bob = graphqlWsClient(server.wsUrl, 'bob');
    const refused = subscribe(bob.client, 'mutation { pause(workflows: ["clouds/run1"]) { result } }');
    await waitFor('the refusal', () => refused.errors.length === 1);
    assert.deepEqual(refused.errors[0], [{ message: 'bob may not pause ~alice/clouds/run1.' }]);
    assert.equal(server.source.forwarded.length, 1, 'nothing more forwarded');

    const invalid = subscribe(alice.client, 'subscription { deltas { nope } }');
    await waitFor('the validation error', () => invalid.errors.length === 1);
    await alice.client.dispose();
    await bob.client.dispose();
  });

  it('counts open sockets for the caller', async () => {
    let opened = 0;
    let closed = 0;
    await server.close();
    server = await startTestServer({ live: { onOpen: () => opened++, onClose: () => closed++ } });
    const bare = new BareClient(server.wsUrl);
    await bare.opened;
    await waitFor('the open count', () => server.live.openCount === 1);
    assert.equal(opened, 1);
    bare.ws.close();
    await waitFor('the close', () => closed === 1);
    assert.equal(server.live.openCount, 0);
  });
});
