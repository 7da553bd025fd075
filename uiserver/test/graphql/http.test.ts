import assert from 'node:assert/strict';
import { cloudsWorkflow, idsOf } from './fixtures';
import { startTestServer, type TestServer } from './servers';

const clouds = idsOf('alice', 'clouds/run1');

function firstMessage(body: Record<string, unknown>): string {
  const errors = body['errors'];
  assert.ok(Array.isArray(errors) && errors.length > 0, `no errors in ${JSON.stringify(body)}`);
  return String((errors[0] as Record<string, unknown>)['message']);
}

describe('POST graphql', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
    server.source.add(cloudsWorkflow());
  });

  afterEach(() => server.close());

  it("answers Cylc's own query with 200 and data", async () => {
    const { status, body } = await server.post({ query: '{ workflows { id status } taskProxies { id state } }' });
    assert.equal(status, 200);
    const data = body['data'] as Record<string, unknown[]>;
    assert.deepEqual(data['workflows'], [{ id: clouds.workflow, status: 'running' }]);
    assert.equal(data['taskProxies']?.length, 30);
    assert.deepEqual(data['taskProxies']?.[0], { id: clouds.proxy(1, 'climb'), state: 'succeeded' });
  });

  it("refuses a document that does not parse with 400 and graphql's message", async () => {
    const { status, body } = await server.post({ query: '{ workflows { id ' });
    assert.equal(status, 400);
    assert.equal(firstMessage(body), 'Syntax Error: Expected Name, found <EOF>.');
    assert.deepEqual(Object.keys(body), ['errors']);
  });

  it('refuses unknown fields and arguments with 400', async () => {
    const field = await server.post({ query: '{ workflows { id nope } }' });
    assert.equal(field.status, 400);
    assert.match(firstMessage(field.body), /^Cannot query field "nope" on type "Workflow"\./);
    const argument = await server.post({ query: '{ taskProxies(colour: "red") { id } }' });
    assert.equal(argument.status, 400);
    assert.match(firstMessage(argument.body), /Unknown argument "colour"/);
  });

  it('refuses bad variables with 400', async () => {
    const { status, body } = await server.post({ query: 'query ($ids: [ID]) { taskProxies(ids: $ids) { id } }', variables: { ids: {} } });
    assert.equal(status, 400);
    assert.match(firstMessage(body), /Variable "\$ids" got invalid value/);
  });

  it('refuses bodies that are not GraphQL requests', async () => {
    assert.equal((await server.post('{"query": ')).status, 400);
    assert.equal((await server.post({ nothing: true })).status, 400);
    assert.equal((await server.post({ query: '{ workflows { id } }', variables: [1] })).status, 400);
    const text = await server.post('{ workflows { id } }', 'alice', 'text/plain');
    assert.equal(text.status, 415);
    assert.match(firstMessage(text.body), /application\/json/);
  });

  it('refuses bodies over 64 KiB with 413', async () => {
    const query = `{ workflows { id } } # ${'x'.repeat(70 * 1024)}`;
    const { status } = await server.post({ query });
    assert.equal(status, 413);
  });

  it('answers POST only', async () => {
    const response = await fetch(server.url);
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
    assert.ok(Array.isArray(((await response.json()) as Record<string, unknown>)['errors']));
  });

  it('refuses subscriptions, which belong to the websocket', async () => {
    const { status, body } = await server.post({ query: 'subscription { deltas { id } }' });
    assert.equal(status, 400);
    assert.match(firstMessage(body), /websocket/);
  });

  it('refuses documents nested too deeply or too wide, fragment bombs included', async () => {
    const levels = ['taskProxies', ...Array.from({ length: 8 }, () => ['jobs', 'taskProxy']).flat()];
    const nested = levels.reduceRight((inner, field) => `${field} { ${inner} }`, 'id');
    const deep = await server.post({ query: `{ ${nested} }` });
    assert.equal(deep.status, 400);
    assert.match(firstMessage(deep.body), /nested 18 levels deep/);
    const fragments = ['fragment F0 on Workflow { id }'];
    for (let i = 1; i <= 20; i++) fragments.push(`fragment F${i} on Workflow { ...F${i - 1} a: workflowLogDir ...F${i - 1} }`);
    const bomb = await server.post({ query: `{ workflows { ...F20 } } ${fragments.join(' ')}` });
    assert.equal(bomb.status, 400);
    assert.match(firstMessage(bomb.body), /asks for \d+ fields/);
  });

  it('answers the introspection query', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const { status, body } = await server.post({ query: getIntrospectionQuery() });
    assert.equal(status, 200);
    const schema = (body['data'] as Record<string, Record<string, unknown>>)['__schema'];
    assert.equal((schema?.['queryType'] as Record<string, unknown>)['name'], 'Queries');
  });
});
