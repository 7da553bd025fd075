import { nodeHttpFetch } from '@isobar/hub-client';
import { generateGrantKeys, verifyChain } from '@isobar/authz';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditTrail, auditFile } from '../../src/authz/audit-trail';
import { GrantChecker } from '../../src/authz/grant-keys';
import { permissionsRoute } from '../../src/authz/index';
import { PolicyEngine } from '../../src/authz/lib';
import { ownerLocations, PolicyAuthorizer, type Permissions } from '../../src/authz/policy-authorizer';
import { RolesClient } from '../../src/authz/roles';
import { cloudsWorkflow, idsOf } from '../graphql/fixtures';
import { startTestServer, VISITOR_HEADER, type TestServer } from '../graphql/servers';
import { graphqlWsClient, subscribe, waitFor, type Result } from '../graphql/ws-clients';
import { FakeHubService, SERVER_TOKEN } from './fake-hub-service';
import { serveRoute } from '../helpers/route-server';

const clouds = idsOf('alice', 'clouds/run1');
const secret = idsOf('alice', 'secret/run1');

const SITE = `owners:
  '*':
    '*':
      default: [READ, pause, hold, play]
      limit: [READ, CONTROL]
    'role:ops':
      default: [ALL]
      limit: [ALL]
`;

const HOLD = `mutation Hold($w: [WorkflowID]!) { hold(workflows: $w, tasks: ["2/climb"]) { result } }`;
const STOP = `mutation { stop(workflows: ["~alice/clouds/run1"]) { result } }`;
const BROADCAST = `mutation { broadcast(workflows: ["~alice/clouds/run1"], settings: [{ environment: { A: "1" } }]) { result } }`;

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

function messageOf(body: Record<string, unknown>): string {
  const errors = body['errors'];
  assert.ok(Array.isArray(errors) && errors.length > 0, `no errors in ${JSON.stringify(body)}`);
  return String((errors[0] as Record<string, unknown>)['message']);
}

function auditLines(home: string): Record<string, unknown>[] {
  const text = readFileSync(auditFile(home, 'alice'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { record: Record<string, unknown> }).record);
}

function lastAudit(home: string): Record<string, unknown> {
  const lines = auditLines(home);
  const last = lines[lines.length - 1];
  assert.ok(last !== undefined, 'no audit record');
  return last;
}

/** Flips the payload's level to `write`, keeping the signature: a tampered grant. */
function tampered(grant: string): string {
  const [header, payload, signature] = grant.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  claims['lvl'] = 'write';
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

describe('authorisation by policy, grants and audit', () => {
  const hub = new FakeHubService();
  let dir: string;
  let home: string;
  let cylcRun: string;
  let siteFile: string;
  let server: TestServer;
  let policy: PolicyAuthorizer;
  let audit: AuditTrail;
  let offsetMs = 0;
  const clock = (): number => Date.now() + offsetMs;

  before(async () => {
    await hub.start();
    hub.roles.set('bob', ['ops']);
  });

  after(() => hub.close());

  function build(rolesUrl = hub.url('api/roles')): PolicyAuthorizer {
    const engine = new PolicyEngine({
      locations: ownerLocations('alice', home, cylcRun, siteFile),
      ownerUid: (owner) => (owner === 'alice' ? process.getuid?.() : undefined),
      recheckIntervalMs: 0,
    });
    return new PolicyAuthorizer({
      owner: 'alice',
      engine,
      roles: new RolesClient({ url: rolesUrl, token: SERVER_TOKEN, fetch: nodeHttpFetch, clock }),
      grants: new GrantChecker({ url: hub.url('api/grant-key'), fetch: nodeHttpFetch, clock }),
      audit,
      ownersExempt: false,
      workflowIds: () => server.source.list().map((workflow) => workflow.id),
      clock,
    });
  }

  beforeEach(async () => {
    offsetMs = 0;
    hub.auditDown = false;
    hub.batches.length = 0;
    dir = mkdtempSync(join(tmpdir(), 'isobar-authz-'));
    home = join(dir, 'home');
    cylcRun = join(home, 'cylc-run');
    siteFile = join(dir, 'site-authz.yaml');
    writeFileSync(siteFile, SITE);
    const secretConfig = join(cylcRun, 'secret', '.isobar');
    mkdirSync(secretConfig, { recursive: true });
    writeFileSync(join(secretConfig, 'authz.yaml'), "grants:\n  '*': []\n");
    chmodSync(join(secretConfig, 'authz.yaml'), 0o644);
    audit = AuditTrail.open({
      owner: 'alice',
      home,
      url: hub.url('api/audit'),
      token: SERVER_TOKEN,
      fetch: nodeHttpFetch,
      fsync: 'never',
      intervalMs: 50,
      backoff: { initialMs: 50, maxMs: 100 },
    });
    audit.start();
    policy = build();
    server = await startTestServer({ service: { authorizer: policy } });
    server.source.add(cloudsWorkflow('alice', 'clouds/run1'));
    server.source.add(cloudsWorkflow('alice', 'secret/run1'));
  });

  afterEach(async () => {
    await server.close();
    await audit.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function post(query: string, visitor: string, grant?: string, variables?: Record<string, unknown>): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json', [VISITOR_HEADER]: visitor };
    if (grant !== undefined) headers['x-isobar-grant'] = grant;
    const response = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function refused(answer: Answer, reason: RegExp): Promise<Record<string, unknown>> {
    assert.equal(answer.status, 403, JSON.stringify(answer.body));
    assert.match(messageOf(answer.body), reason);
    assert.equal(server.source.forwarded.length, 0, 'nothing was forwarded');
    const record = lastAudit(home);
    assert.equal(record['result'], 'denied');
    assert.match(String(record['detail']), reason);
    return record;
  }

  it('accepts a grant for this owner at a sufficient level, forwards as the visitor and audits the action', async () => {
    const grant = await hub.grant('bob', 'execute');
    const answer = await post(HOLD, 'bob', grant, { w: [clouds.workflow] });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(server.source.forwarded.length, 1);
    assert.equal(server.source.forwarded[0]?.authUser, 'bob');
    const record = lastAudit(home);
    assert.deepEqual(
      {
        person: record['person'],
        operation: record['operation'],
        target: record['target'],
        level: record['level'],
        result: record['result'],
      },
      {
        person: 'bob',
        operation: 'hold',
        target: { owner: 'alice', workflow: 'clouds/run1', task: 'climb', cycle: '2' },
        level: 'execute',
        result: 'ok',
      },
    );
    assert.equal(record['session'], 'elev-bob');
    assert.equal(typeof record['grant'], 'string');
  });

  it('refuses an action without a grant, and audits the refusal', async () => {
    await refused(await post(HOLD, 'bob', undefined, { w: [clouds.workflow] }), /no grant/);
  });

  it('refuses the owner too without a grant unless owners are exempt', async () => {
    await refused(await post(HOLD, 'alice', undefined, { w: [clouds.workflow] }), /no grant/);
    await server.close();
    const exempt = new PolicyAuthorizer({ ...policyOptions(policy), ownersExempt: true });
    server = await startTestServer({ service: { authorizer: exempt } });
    server.source.add(cloudsWorkflow('alice', 'clouds/run1'));
    const answer = await post(HOLD, 'alice', undefined, { w: [clouds.workflow] });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(lastAudit(home)['result'], 'ok');
  });

  it('refuses an expired grant', async () => {
    const grant = await hub.grant('bob', 'execute', 'alice', new Date(Date.now() - 120_000));
    await refused(await post(HOLD, 'bob', grant, { w: [clouds.workflow] }), /expired/);
  });

  it("refuses a grant for another owner's server (replayed here)", async () => {
    const grant = await hub.grant('bob', 'execute', 'dave');
    await refused(await post(HOLD, 'bob', grant, { w: [clouds.workflow] }), /wrong-audience/);
  });

  it('refuses a tampered grant', async () => {
    const grant = tampered(await hub.grant('bob', 'execute'));
    await refused(await post(BROADCAST, 'bob', grant), /bad-signature/);
  });

  it("refuses someone else's grant", async () => {
    const grant = await hub.grant('carol', 'write');
    await refused(await post(HOLD, 'bob', grant, { w: [clouds.workflow] }), /the grant is for carol, not bob/);
  });

  it('refuses a write operation (broadcast) with an execute grant, and allows it with a write grant', async () => {
    const record = await refused(
      await post(BROADCAST, 'bob', await hub.grant('bob', 'execute')),
      /the grant is for execute; broadcast needs write/,
    );
    assert.equal(record['level'], 'execute');
    const answer = await post(BROADCAST, 'bob', await hub.grant('bob', 'write'));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(server.source.forwarded[0]?.authUser, 'bob');
  });

  it('refuses what the policy forbids, whatever the grant', async () => {
    await refused(await post(STOP, 'carol', await hub.grant('carol', 'write')), /not allowed by policy/);
  });

  it('checks the grant at each action: a websocket opened while elevated cannot act once the grant expired', async () => {
    const grant = await hub.grant('bob', 'execute');
    const { client } = graphqlWsClient(server.wsUrl, 'bob');
    const run = (): Promise<{ results?: Result[]; error?: unknown }> =>
      new Promise((resolve) => {
        const results: Result[] = [];
        client.subscribe(
          { query: HOLD, variables: { w: [clouds.workflow] }, extensions: { grant } },
          { next: (result) => results.push(result as Result), error: (error) => resolve({ error }), complete: () => resolve({ results }) },
        );
      });
    const first = await run();
    assert.equal(first.error, undefined, JSON.stringify(first.error));
    assert.equal(server.source.forwarded.length, 1);
    offsetMs = 60_000;
    const second = await run();
    assert.equal(second.results, undefined, 'refused');
    assert.match(JSON.stringify(second.error), /expired/);
    assert.equal(server.source.forwarded.length, 1);
    assert.equal(lastAudit(home)['result'], 'denied');
    await client.dispose();
  });

  it('sends the scheduler the visitor, whatever auth_user the document or variables name', async () => {
    const grant = await hub.grant('bob', 'execute');
    // Undeclared variables and a `meta` of the request's own are the only places a page could put one.
    const query = HOLD;
    const answer = await post(query, 'bob', grant, {
      w: [clouds.workflow],
      user: 'alice',
      auth_user: 'alice',
      meta: { auth_user: 'alice' },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const call = server.source.forwarded[0];
    assert.equal(call?.authUser, 'bob');
    assert.ok(!JSON.stringify(call?.variables).includes('alice'), JSON.stringify(call?.variables));
    assert.equal(lastAudit(home)['person'], 'bob');
  });

  async function postRaw(body: Record<string, unknown>, visitor: string, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [VISITOR_HEADER]: visitor, ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('refuses and audits a request that names its own auth_user, in the body or its extensions', async () => {
    const grant = await hub.grant('bob', 'execute');
    const variables = { w: [clouds.workflow] };
    for (const forged of [{ meta: { auth_user: 'alice' } }, { auth_user: 'alice' }, { extensions: { auth_user: 'alice' } }]) {
      const record = await refused(
        await postRaw({ query: HOLD, variables, ...forged }, 'bob', { 'x-isobar-grant': grant }),
        /names its own auth_user "alice"/,
      );
      assert.equal(record['person'], 'bob');
    }
    const read = await postRaw({ query: '{ workflows { id } }', meta: { auth_user: 'alice' } }, 'bob');
    assert.equal(read.status, 403, JSON.stringify(read.body));
  });

  it('refuses and audits an action over the websocket that names its own auth_user', async () => {
    const grant = await hub.grant('bob', 'execute');
    const { client } = graphqlWsClient(server.wsUrl, 'bob');
    const error = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: HOLD, variables: { w: [clouds.workflow] }, extensions: { grant, auth_user: 'alice' } },
        { next: () => undefined, error: resolve, complete: () => resolve(undefined) },
      );
    });
    assert.match(JSON.stringify(error), /names its own auth_user/);
    assert.equal(server.source.forwarded.length, 0);
    assert.equal(lastAudit(home)['result'], 'denied');
    await client.dispose();
  });

  it("refuses and audits an action from another site's page (CSRF), and lets this site's pages act", async () => {
    const grant = await hub.grant('bob', 'execute');
    const variables = { w: [clouds.workflow] };
    await refused(
      await postRaw({ query: HOLD, variables }, 'bob', { 'x-isobar-grant': grant, origin: 'http://evil.example' }),
      /another site \(http:\/\/evil\.example\)/,
    );
    const host = new URL(server.url).host;
    const same = await postRaw({ query: HOLD, variables }, 'bob', { 'x-isobar-grant': grant, origin: `http://${host}` });
    assert.equal(same.status, 200, JSON.stringify(same.body));
    assert.equal(server.source.forwarded.length, 1);
  });

  it('hides a workflow the visitor may not read from queries and mutations', async () => {
    const list = await post('{ workflows { id } }', 'carol');
    assert.deepEqual(list.body['data'], { workflows: [{ id: clouds.workflow }] });
    const one = await post(`{ workflow(id: "${secret.workflow}") { id } }`, 'carol');
    assert.deepEqual(one.body['data'], { workflow: null });
    const tasks = await post(`{ taskProxies(workflows: ["${secret.workflow}"]) { id } }`, 'carol');
    assert.deepEqual(tasks.body['data'], { taskProxies: [] });
    const act = await post(HOLD, 'bob', await hub.grant('bob', 'execute'), { w: [secret.workflow] });
    assert.equal(act.status, 404, JSON.stringify(act.body));
    const owner = await post('{ workflows { id } }', 'alice');
    assert.equal((owner.body['data'] as { workflows: unknown[] }).workflows.length, 2);
  });

  it('hides a workflow the visitor may not read from live deltas, and gives readers different classes', async () => {
    assert.notEqual(policy.visitorClass('carol'), policy.visitorClass('alice'));
    const { client } = graphqlWsClient(server.wsUrl, 'carol');
    const subscription = subscribe(client, 'subscription { deltas { id added { workflow { id } } } }');
    await waitFor('the first message', () => subscription.results.length >= 1);
    server.source
      .workflow(secret.workflow)
      .store.apply({ task_proxies: { updated: [{ id: secret.proxy(2, 'climb'), state: 'succeeded' }] } });
    server.source.change({ workflowId: secret.workflow, updated: { task_proxies: [secret.proxy(2, 'climb')] } });
    server.source.change({ workflowId: clouds.workflow, reset: true });
    await waitFor('the reset of clouds', () => subscription.results.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const ids = subscription.results.map((result) => (result.data as { deltas: { id: string } }).deltas.id);
    assert.ok(
      ids.every((id) => id === clouds.workflow),
      JSON.stringify(ids),
    );
    await client.dispose();
  });

  it('takes a workflow away from live deltas when its reading is taken away', async () => {
    const { client } = graphqlWsClient(server.wsUrl, 'carol');
    const subscription = subscribe(client, 'subscription { deltas { id shutdown } }');
    await waitFor('the first message', () => subscription.results.length >= 1);
    const cloudsConfig = join(cylcRun, 'clouds', '.isobar');
    mkdirSync(cloudsConfig, { recursive: true });
    writeFileSync(join(cloudsConfig, 'authz.yaml'), "grants:\n  '*': []\n  alice: [READ]\n");
    chmodSync(join(cloudsConfig, 'authz.yaml'), 0o644);
    server.source.change({ workflowId: clouds.workflow, updated: {}, workflowUpdated: true });
    await waitFor('the removal', () => subscription.results.length >= 2);
    assert.deepEqual(subscription.results[1]?.data, { deltas: { id: clouds.workflow, shutdown: true } });
    assert.deepEqual((await post('{ workflows { id } }', 'carol')).body['data'], { workflows: [] });
    await client.dispose();
  });

  it("fetches hub-service's key again when a grant names a key it has not seen", async () => {
    const checker = new GrantChecker({ url: hub.url('api/grant-key'), fetch: nodeHttpFetch, refetchMs: 0 });
    const before = hub.keyRequests;
    assert.equal((await checker.verify(await hub.grant('bob', 'execute'), 'alice')).person, 'bob');
    assert.equal((await checker.verify(await hub.grant('bob', 'write'), 'alice')).level, 'write');
    assert.equal(hub.keyRequests, before + 1, 'the key is kept');
    const old = hub.keys;
    hub.keys = generateGrantKeys();
    try {
      assert.equal((await checker.verify(await hub.grant('bob', 'execute'), 'alice')).person, 'bob');
      assert.equal(hub.keyRequests, before + 2);
    } finally {
      hub.keys = old;
    }
  });

  it('falls back to no roles when the roles endpoint is down, and says why', async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    const down = build(`http://127.0.0.1:${port}/services/isobar/api/roles`);
    const permissions = await down.permissions('bob', await hub.grant('bob', 'write'), clouds.workflow);
    assert.equal(permissions.operations['workflows'], true, 'the site default still lets bob read');
    assert.equal(permissions.operations['hold'], true, 'and do what everyone may');
    assert.equal(permissions.operations['broadcast'], false, 'but not what only his role may');
    assert.equal(permissions.roleErrors.length, 1);
    assert.match(permissions.roleErrors[0] ?? '', /roles unavailable/);
    const up = await policy.permissions('bob', await hub.grant('bob', 'write'), clouds.workflow);
    assert.equal(up.operations['broadcast'], true);
    assert.deepEqual(up.roleErrors, []);
    assert.ok(hub.roleRequests.every((request) => request.authorization === `token ${SERVER_TOKEN}`));
  });

  it('answers api/permissions with the level from the grant and the operations offered', async () => {
    const served = await serveRoute(permissionsRoute((visitor, grant, workflow) => policy.permissions(visitor, grant, workflow)));
    try {
      const base = `${served.origin}/api/permissions?workflow=${encodeURIComponent(clouds.workflow)}`;
      const ask = async (visitor: string, grant?: string): Promise<Permissions> => {
        const headers: Record<string, string> = { [VISITOR_HEADER]: visitor, ...(grant ? { 'x-isobar-grant': grant } : {}) };
        const response = await fetch(base, { headers });
        assert.equal(response.status, 200);
        return (await response.json()) as Permissions;
      };
      const readOnly = await ask('carol');
      assert.equal(readOnly.visitor, 'carol');
      assert.equal(readOnly.level, 'read');
      assert.equal(readOnly.operations['workflows'], true);
      assert.equal(readOnly.operations['hold'], false);
      assert.deepEqual(readOnly.roleErrors, []);
      const elevated = await ask('carol', await hub.grant('carol', 'execute'));
      assert.equal(elevated.level, 'execute');
      assert.equal(typeof elevated.elevationExpiresAt, 'string');
      assert.equal(elevated.operations['hold'], true);
      assert.equal(elevated.operations['stop'], false, 'the policy does not give carol stop');
      assert.equal(elevated.operations['broadcast'], false);
      const writer = await ask('bob', await hub.grant('bob', 'write'));
      assert.equal(writer.operations['broadcast'], true);
    } finally {
      await served.close();
    }
  });

  it('writes a hash-chained audit log (0600 in a 0700 directory) and sends it, resending after hub-service was down', async () => {
    hub.auditDown = true;
    await post(HOLD, 'bob', undefined, { w: [clouds.workflow] });
    await post(HOLD, 'bob', await hub.grant('bob', 'execute'), { w: [clouds.workflow] });
    const file = auditFile(home, 'alice');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(home, '.isobar', 'audit')).mode & 0o777, 0o700);
    const verdict = await verifyChain(file);
    assert.ok(verdict.ok, JSON.stringify(verdict));
    assert.equal(verdict.records, 2);
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(hub.received.length, 0);
    assert.equal(audit.pending, 2);
    hub.auditDown = false;
    await waitFor('the outbox to send', () => hub.received.length === 2, 5000);
    assert.deepEqual(
      hub.received.map((entry) => [entry.seq, entry.record['result']]),
      [
        [1, 'denied'],
        [2, 'ok'],
      ],
    );
    assert.equal(typeof hub.batches[0]?.chain, 'string');
    await waitFor('the acknowledgement', () => audit.pending === 0);
  });
});

/** The options a PolicyAuthorizer was built with, to build a variant. */
function policyOptions(policy: PolicyAuthorizer): ConstructorParameters<typeof PolicyAuthorizer>[0] {
  return (policy as unknown as { options: ConstructorParameters<typeof PolicyAuthorizer>[0] }).options;
}
