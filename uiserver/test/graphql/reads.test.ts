import assert from 'node:assert/strict';
import { ownerOnlyAuthorizer } from '../../src/graphql/authorizer';
import { GraphQLService, type GraphQLAnswer } from '../../src/graphql/service';
import { FakeSource } from './fake-source';
import { cloudsWorkflow, idsOf } from './fixtures';

const clouds = idsOf('alice', 'clouds/run1');
const rain = idsOf('alice', 'rain/run2');

type Row = Record<string, unknown>;

/** The data as a client receives it (plain JSON, not graphql-js's prototype-free objects). */
function dataOf(answer: GraphQLAnswer): Record<string, unknown> {
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  return JSON.parse(JSON.stringify(answer.body.data)) as Record<string, unknown>;
}

function rows(value: unknown): Row[] {
  assert.ok(Array.isArray(value), `not a list: ${JSON.stringify(value)}`);
  return value as Row[];
}

function idsIn(value: unknown): string[] {
  return rows(value).map((row) => String(row['id']));
}

describe('GraphQL reads', () => {
  let source: FakeSource;
  let service: GraphQLService;
  const read = async (query: string, variables?: Record<string, string | string[]>): Promise<Record<string, unknown>> =>
    dataOf(await service.run({ query, variables: variables ?? null }, 'alice'));

  beforeEach(() => {
    source = new FakeSource();
    source.add(cloudsWorkflow('alice', 'clouds/run1'));
    source.add(cloudsWorkflow('alice', 'rain/run2', 'paused'), false);
    service = new GraphQLService({ source, authorizer: ownerOnlyAuthorizer('alice') });
  });

  it("answers Cylc's own query", async () => {
    const data = await read('{ workflows { id status } taskProxies { id state } }');
    assert.deepEqual(data['workflows'], [
      { id: clouds.workflow, status: 'running' },
      { id: rain.workflow, status: 'stopped' },
    ]);
    const proxies = rows(data['taskProxies']);
    assert.equal(proxies.length, 60);
    assert.deepEqual(proxies[0], { id: clouds.proxy(1, 'climb'), state: 'succeeded' });
    assert.ok(proxies.some((p) => p['id'] === clouds.proxy(2, 'climb') && p['state'] === 'running'));
  });

  it('filters workflows by ID globs', async () => {
    assert.deepEqual(idsIn((await read('{ workflows(ids: ["~alice/clouds/run1"]) { id } }'))['workflows']), [clouds.workflow]);
    assert.deepEqual(idsIn((await read('{ workflows(ids: ["rain/*"]) { id } }'))['workflows']), [rain.workflow]);
    assert.deepEqual(idsIn((await read('{ workflows(exids: ["~alice/clouds/*"]) { id } }'))['workflows']), [rain.workflow]);
    assert.deepEqual(idsIn((await read('{ workflows(ids: ["~bob/*"]) { id } }'))['workflows']), []);
  });

  it('filters task proxies by ID, workflow, state and flags', async () => {
    const ids = async (args: string): Promise<string[]> => idsIn((await read(`{ taskProxies(${args}) { id } }`))['taskProxies']);
    assert.deepEqual(
      await ids('workflows: ["clouds/run1"], ids: ["*/climb"]'),
      [1, 2, 3].map((c) => clouds.proxy(c, 'climb')),
    );
    assert.deepEqual(await ids('workflows: ["~alice/clouds/run1"], ids: ["//2/climb"]'), [clouds.proxy(2, 'climb')]);
    assert.equal((await ids('workflows: ["clouds/run1"], ids: ["1/*"]')).length, 10);
    assert.deepEqual(await ids('ids: ["~alice/*//2/clim*"]'), [clouds.proxy(2, 'climb'), rain.proxy(2, 'climb')]);
    assert.deepEqual(await ids('exworkflows: ["rain/*"], states: ["running"]'), [clouds.proxy(2, 'climb')]);
    assert.deepEqual(await ids('workflows: ["clouds/*"], ids: ["*/*:running"]'), [clouds.proxy(2, 'climb')]);
    assert.equal((await ids('workflows: ["clouds/*"], exstates: ["waiting"]')).length, 11);
    assert.deepEqual(await ids('workflows: ["clouds/*"], isHeld: true'), [clouds.proxy(3, 'fog')]);
    assert.equal((await ids('workflows: ["clouds/*"], exids: ["1/*", "2/*"]')).length, 10);
  });

  it('sorts as asked', async () => {
    const data = await read(
      '{ taskProxies(workflows: ["clouds/*"], ids: ["*/climb"], sort: {keys: ["cyclePoint"], reverse: true}) { id } }',
    );
    assert.deepEqual(
      idsIn(data['taskProxies']),
      [3, 2, 1].map((c) => clouds.proxy(c, 'climb')),
    );
  });

  it('resolves a workflow and what it holds', async () => {
    const data = await read(`{
      workflow(id: "~alice/clouds/run1") {
        id name owner host port status statusMsg cylcVersion isHeldTotal isQueuedTotal isRunaheadTotal
        newestActiveCyclePoint oldestActiveCyclePoint lastUpdated runMode stateTotals
        taskProxies(ids: ["2/climb"]) { id }
        jobs(states: ["running"]) { id }
        familyProxies(ids: ["1/CLOUDS"]) { id }
        tasks(ids: ["clim*"]) { id name }
        families { name }
        edges { edges { source target } leaves feet }
      }
    }`);
    const workflow = data['workflow'] as Row;
    assert.equal(workflow['id'], clouds.workflow);
    assert.equal(workflow['name'], 'clouds/run1');
    assert.equal(workflow['owner'], 'alice');
    assert.equal(workflow['host'], 'node1');
    assert.equal(workflow['port'], 43001);
    assert.equal(workflow['cylcVersion'], '8.0.2');
    assert.equal(workflow['isQueuedTotal'], 0, 'unset fields answer protobuf defaults');
    assert.equal(workflow['runMode'], '');
    assert.deepEqual(workflow['stateTotals'], {
      waiting: 19,
      expired: 0,
      preparing: 0,
      'submit-failed': 0,
      submitted: 0,
      running: 1,
      failed: 0,
      succeeded: 10,
    });
    assert.deepEqual(idsIn(workflow['taskProxies']), [clouds.proxy(2, 'climb')]);
    assert.deepEqual(idsIn(workflow['jobs']), [clouds.job(2, 'climb', 2)]);
    assert.deepEqual(idsIn(workflow['familyProxies']), [clouds.familyProxy(1, 'CLOUDS')]);
    assert.deepEqual(workflow['tasks'], [{ id: clouds.task('climb'), name: 'climb' }]);
    assert.deepEqual(workflow['families'], [{ name: 'root' }, { name: 'CLOUDS' }]);
    const edges = workflow['edges'] as Row;
    assert.equal(rows(edges['edges']).length, 3);
    assert.deepEqual(edges['leaves'], [clouds.proxy(3, 'descend')]);
  });

  it('resolves task proxy fields and references', async () => {
    const data = await read(`{
      taskProxy(id: "${clouds.proxy(2, 'climb')}") {
        id name cyclePoint state isHeld isQueued isRunahead flowNums
        task { id name meanElapsedTime meta { title userDefined } }
        firstParent { id name }
        ancestors { name }
        jobs { id name cyclePoint submitNum state submittedTime startedTime finishedTime jobRunnerName jobId platform jobLogDir environment }
        outputs { label satisfied }
        prerequisites { expression satisfied conditions { taskId exprAlias reqState satisfied } }
      }
    }`);
    const proxy = data['taskProxy'] as Row;
    assert.equal(proxy['cyclePoint'], '2');
    assert.equal(proxy['isHeld'], false);
    assert.equal(proxy['isRunahead'], false, 'unset booleans are false, as in Cylc');
    assert.equal(proxy['flowNums'], '[1]');
    assert.deepEqual(proxy['task'], {
      id: clouds.task('climb'),
      name: 'climb',
      meanElapsedTime: 55,
      meta: { title: 'the climb task', userDefined: { colour: 'grey' } },
    });
    assert.deepEqual(proxy['firstParent'], { id: clouds.familyProxy(2, 'CLOUDS'), name: 'CLOUDS' });
    assert.deepEqual(proxy['ancestors'], [{ name: 'CLOUDS' }, { name: 'root' }]);
    const jobs = rows(proxy['jobs']);
    assert.deepEqual(
      jobs.map((job) => [job['id'], job['submitNum'], job['state']]),
      [
        [clouds.job(2, 'climb', 1), 1, 'failed'],
        [clouds.job(2, 'climb', 2), 2, 'running'],
      ],
    );
    assert.deepEqual(jobs[0]?.['environment'], { CLOUD: 'cumulus' });
    assert.equal(jobs[0]?.['startedTime'], '');
    assert.deepEqual(
      rows(proxy['outputs']).map((output) => output['label']),
      ['submitted', 'started', 'succeeded'],
      "in Cylc's output order",
    );
    assert.deepEqual(proxy['prerequisites'], [
      { expression: 'c0', satisfied: false, conditions: [{ taskId: '2/climb', exprAlias: 'c0', reqState: 'succeeded', satisfied: false }] },
    ]);
  });

  it('resolves jobs, families, edges and broadcasts', async () => {
    const data = await read(`{
      jobs(workflows: ["clouds/*"], ids: ["2/climb/0?"]) { id taskProxy { id } }
      families(workflows: ["clouds/*"], ids: ["CLO*"]) { name childTasks(ids: ["c*"]) { name } firstParent { name } }
      familyProxies(workflows: ["clouds/*"], ids: ["2/CLOUDS"]) { id state stateTotals childTasks(states: ["running"]) { id } }
      edges(workflows: ["clouds/*"]) { sourceNode { ... on TaskProxy { id } } targetNode { __typename } }
      workflows(ids: ["clouds/*"]) { broadcasts(ids: ["2/climb"]) all: broadcasts }
    }`);
    assert.deepEqual(data['jobs'], [
      { id: clouds.job(2, 'climb', 1), taskProxy: { id: clouds.proxy(2, 'climb') } },
      { id: clouds.job(2, 'climb', 2), taskProxy: { id: clouds.proxy(2, 'climb') } },
    ]);
    assert.deepEqual(data['families'], [
      { name: 'CLOUDS', childTasks: [{ name: 'climb' }, { name: 'calm' }], firstParent: { name: 'root' } },
    ]);
    const [familyProxy] = rows(data['familyProxies']);
    assert.deepEqual(familyProxy?.['childTasks'], [{ id: clouds.proxy(2, 'climb') }]);
    assert.equal((familyProxy?.['stateTotals'] as Row)['waiting'], 10);
    const [edge] = rows(data['edges']);
    assert.deepEqual(edge, { sourceNode: { id: clouds.proxy(1, 'climb') }, targetNode: { __typename: 'TaskProxy' } });
    const [workflow] = rows(data['workflows']);
    assert.deepEqual(workflow?.['broadcasts'], { '*': { CLOUDS: { environment: { WIND: 'gusty' } } }, '2': { climb: { script: 'true' } } });
    assert.deepEqual(Object.keys(workflow?.['all'] as Row).sort(), ['*', '2']);
  });

  it('takes variables and picks the named operation', async () => {
    const query = 'query A($ids: [ID]) { taskProxies(ids: $ids) { id } } query B { workflows { id } }';
    const answer = await service.run({ query, variables: { ids: ['2/climb'] }, operationName: 'A' }, 'alice');
    assert.deepEqual(idsIn(dataOf(answer)['taskProxies']), [clouds.proxy(2, 'climb'), rain.proxy(2, 'climb')]);
    const other = await service.run({ query, operationName: 'B' }, 'alice');
    assert.equal(rows(dataOf(other)['workflows']).length, 2);
    const neither = await service.run({ query }, 'alice');
    assert.equal(neither.status, 400);
    assert.match(String(neither.body.errors?.[0]?.message), /operation name/);
  });

  it('reports a bad ID as a field error', async () => {
    const answer = await service.run({ query: '{ taskProxies(ids: ["1/a/01/x"]) { id } }' }, 'alice');
    assert.equal(answer.status, 200);
    assert.match(String(answer.body.errors?.[0]?.message), /Invalid Cylc identifier: 1\/a\/01\/x/);
  });

  it('reads what the store holds now', async () => {
    source.workflow(clouds.workflow).store.apply({
      task_proxies: { updated: [{ id: clouds.proxy(2, 'climb'), state: 'succeeded' }] },
    });
    const data = await read(`{ taskProxy(id: "${clouds.proxy(2, 'climb')}") { state } }`);
    assert.deepEqual(data['taskProxy'], { state: 'succeeded' });
  });

  it('stops an answer that would be too large', async () => {
    const small = new GraphQLService({ source, authorizer: ownerOnlyAuthorizer('alice'), limits: { maxElements: 50 } });
    const answer = await small.run({ query: '{ taskProxies { id jobs { id } } }' }, 'alice');
    assert.equal(answer.status, 200);
    assert.match(String(answer.body.errors?.[0]?.message), /more than 50 elements/);
  });
});
