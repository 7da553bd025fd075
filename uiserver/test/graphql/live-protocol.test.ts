import assert from 'node:assert/strict';
import { cloudsWorkflow } from './fixtures';
import { startTestServer, type TestServer } from './servers';
import { BareClient, graphqlWsClient, subscribe, waitFor } from './ws-clients';

const DELTAS = 'subscription { deltas { id reset } }';

describe('graphql websocket protocol', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer({ live: { limits: { initTimeoutMs: 200, burst: 40, perSecond: 10 } } });
    server.source.add(cloudsWorkflow());
  });

  afterEach(() => server.close());

  async function initialised(): Promise<BareClient> {
    const client = new BareClient(server.wsUrl);
    await client.opened;
    client.send({ type: 'connection_init', payload: {} });
    await waitFor('connection_ack', () => client.messages.some((m) => m['type'] === 'connection_ack'));
    return client;
  }

  it('acknowledges connection_init and answers ping with pong', async () => {
    const client = await initialised();
    client.send({ type: 'ping' });
    await waitFor('pong', () => client.messages.some((m) => m['type'] === 'pong'));
    client.ws.close();
  });

  it('closes 4408 without connection_init in time', async () => {
    const client = new BareClient(server.wsUrl);
    assert.deepEqual(await client.waitClosed(), { code: 4408, reason: 'Connection initialisation timeout' });
  });

  it('closes 4429 on a second connection_init', async () => {
    const client = await initialised();
    client.send({ type: 'connection_init' });
    assert.equal((await client.waitClosed()).code, 4429);
  });

  it('closes 4401 on subscribe before connection_init', async () => {
    const client = new BareClient(server.wsUrl);
    await client.opened;
    client.send({ type: 'subscribe', id: '1', payload: { query: DELTAS } });
    assert.deepEqual(await client.waitClosed(), { code: 4401, reason: 'Unauthorized' });
  });

  it('closes 4409 on a duplicate subscription id', async () => {
    const client = await initialised();
    client.send({ type: 'subscribe', id: 'same', payload: { query: DELTAS } });
    client.send({ type: 'subscribe', id: 'same', payload: { query: DELTAS } });
    assert.deepEqual(await client.waitClosed(), { code: 4409, reason: 'Subscriber for same already exists' });
  });

  it('closes 4400 on an unknown or malformed message', async () => {
    const unknown = await initialised();
    unknown.send({ type: 'shout' });
    assert.deepEqual(await unknown.waitClosed(), { code: 4400, reason: 'Unknown message type "shout"' });
    const malformed = await initialised();
    malformed.send('not json');
    assert.equal((await malformed.waitClosed()).code, 4400);
    const noQuery = await initialised();
    noQuery.send({ type: 'subscribe', id: '1', payload: {} });
    assert.equal((await noQuery.waitClosed()).code, 4400);
  });

  it('closes 1009 on a message over 64 KiB', async () => {
    const client = await initialised();
    client.send({ type: 'subscribe', id: '1', payload: { query: `${DELTAS} # ${'x'.repeat(65 * 1024)}` } });
    assert.equal((await client.waitClosed()).code, 1009);
  });

  it('closes 4406 without the graphql-transport-ws subprotocol', async () => {
    const client = new BareClient(server.wsUrl, []);
    assert.equal((await client.waitClosed()).code, 4406);
  });

  it('allows 20 operations per socket', async () => {
    const client = await initialised();
    for (let i = 1; i <= 21; i++) client.send({ type: 'subscribe', id: String(i), payload: { query: DELTAS } });
    await waitFor('the refusal of the 21st', () => client.messages.some((m) => m['id'] === '21' && m['type'] === 'error'));
    await waitFor('20 resets', () => client.messages.filter((m) => m['type'] === 'next').length === 20);
    assert.equal(server.live.stats().subscriptions, 20);
    client.send({ type: 'complete', id: '1' });
    await waitFor('the completion', () => server.live.stats().subscriptions === 19);
    client.ws.close();
  });

  it('closes a socket that floods it (4429) while another keeps working', async () => {
    const { client } = graphqlWsClient(server.wsUrl);
    const subscription = subscribe(client, DELTAS);
    await waitFor('the reset', () => subscription.results.length === 1);
    const flooder = await initialised();
    for (let i = 0; i < 200; i++) flooder.send({ type: 'ping' });
    assert.deepEqual(await flooder.waitClosed(), { code: 4429, reason: 'too many messages' });
    const id = '~alice/clouds/run1';
    server.source.change({ workflowId: id, workflowUpdated: true });
    await waitFor('the next message', () => subscription.results.length === 2);
    assert.deepEqual(subscription.results[1], { data: { deltas: { id, reset: false } } });
    await client.dispose();
  });

  it('closes every socket on closeAll', async () => {
    const client = await initialised();
    await server.live.closeAll(1001, 'server shutting down', 500);
    assert.deepEqual(await client.waitClosed(), { code: 1001, reason: 'server shutting down' });
    assert.equal(server.live.openCount, 0);
  });
});
