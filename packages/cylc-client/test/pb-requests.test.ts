import assert from 'node:assert/strict';
import { CylcRequestClient, InvalidReplyError, SchedulerError, encodeDataMessage, fetchDataElements, fetchEntireWorkflow } from '../src';
import { binaryReply } from '../src/pb-requests';
import { startFakeScheduler, type FakeScheduler } from './fake-scheduler';

describe('protobuf commands (pb_entire_workflow, pb_data_elements)', () => {
  let fake: FakeScheduler | undefined;
  let client: CylcRequestClient | undefined;
  afterEach(() => {
    client?.close();
    fake?.close();
    client = fake = undefined;
  });

  async function serve(reply: (req: Record<string, unknown>) => string | Buffer): Promise<CylcRequestClient> {
    fake = await startFakeScheduler(reply);
    client = new CylcRequestClient({ host: '127.0.0.1', port: fake.port, keys: fake.clientKeys, timeoutMs: 2000 });
    return client;
  }

  it('decodes the raw protobuf reply of pb_entire_workflow', async () => {
    const c = await serve(() => encodeDataMessage('PbEntireWorkflow', { workflow: { id: '~u/w', status: 'running' } }));
    const whole = await fetchEntireWorkflow(c, 'jacintar');
    assert.deepEqual(whole, { workflow: { id: '~u/w', status: 'running' } });
    assert.equal(fake?.received[0]?.['command'], 'pb_entire_workflow');
  });

  it('asks pb_data_elements for one element type', async () => {
    const c = await serve(() => encodeDataMessage('JDeltas', { added: [{ id: '~u/w//1/a/01' }] }));
    assert.deepEqual(await fetchDataElements(c, 'jobs', 'u'), { added: [{ id: '~u/w//1/a/01' }] });
    assert.deepEqual(fake?.received[0]?.['args'], { element_type: 'jobs' });
    await assert.rejects(fetchDataElements(c, 'nope' as 'jobs', 'u'), TypeError);
  });

  it('passes a JSON error reply on as SchedulerError', async () => {
    const c = await serve(() => JSON.stringify({ error: { message: 'No method by the name "pb_entire_workflow"' } }));
    await assert.rejects(fetchEntireWorkflow(c, 'u'), (err: unknown) => err instanceof SchedulerError && /No method/.test(err.message));
  });

  it('refuses a JSON data reply where bytes are expected', () => {
    assert.throws(() => binaryReply(Buffer.from('{"data": 1}')), InvalidReplyError);
  });
});
