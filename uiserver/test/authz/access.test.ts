import { nodeHttpFetch } from '@isobar/hub-client';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessAnswer } from '../../src/authz/access-answer';
import { parseWorkflowParam } from '../../src/authz/access-route';
import { createAuthorization, type Authorization } from '../../src/authz/index';
import { parseLaunchDocument } from '../../src/config';
import { Logger } from '../../src/log';
import { launchEnv } from '../helpers/launch-env';
import { serveRoute, type RouteServer } from '../helpers/route-server';
import { VISITOR_HEADER } from '../graphql/servers';

const HELD = ['~alice/clouds/run1', '~alice/secret/run1'];

const SITE = `owners:
  '*':
    '*':
      default: [READ]
      limit: [READ, CONTROL]
`;
const OWNER_FILE = `grants:
  'role:forecasters': [READ, hold, release]
`;

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** The authorisation's `api/access` behind a stand-in for the session middleware (visitor from a header). */
async function serve(
  authorization: Authorization,
): Promise<{ served: RouteServer; ask: (query: string, visitor?: string, method?: string) => Promise<Answer> }> {
  const served = await serveRoute(authorization.accessHandler());
  const ask = async (query: string, visitor = 'alice', method = 'GET'): Promise<Answer> => {
    const response = await fetch(`${served.origin}/api/access${query}`, { method, headers: { [VISITOR_HEADER]: visitor } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { served, ask };
}

function rowOf(answer: AccessAnswer, subject: string): AccessAnswer['rows'][number] {
  const row = answer.rows.find((candidate) => candidate.subject === subject);
  assert.ok(row, `no row for ${subject} in ${JSON.stringify(answer.rows)}`);
  return row;
}

describe('api/access: who can do what, for the owner', () => {
  let dir: string;
  let home: string;
  let cylcRun: string;
  let authorization: Authorization;
  let server: RouteServer;
  let ask: (query: string, visitor?: string, method?: string) => Promise<Answer>;

  function start(policy: boolean): Promise<void> {
    const config = parseLaunchDocument(
      JSON.stringify({
        env: launchEnv(),
        cylcRun,
        ...(policy ? { authzSiteFile: join(dir, 'site-authz.yaml'), ownersExempt: false } : {}),
      }),
    );
    authorization = createAuthorization({
      config,
      log: new Logger({ write: () => true }),
      fetch: nodeHttpFetch,
      workflowIds: () => HELD,
      home,
      auditFsync: 'never',
    });
    return serve(authorization).then((serving) => {
      server = serving.served;
      ask = serving.ask;
    });
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobar-access-'));
    home = join(dir, 'home');
    cylcRun = join(home, 'cylc-run');
    writeFileSync(join(dir, 'site-authz.yaml'), SITE);
    mkdirSync(join(home, '.isobar'), { recursive: true });
    writeFileSync(join(home, '.isobar', 'authz.yaml'), OWNER_FILE);
    chmodSync(join(home, '.isobar', 'authz.yaml'), 0o644);
    // A workflow file anyone may write: refused as a whole, and the answer must say why.
    const secret = join(cylcRun, 'secret', '.isobar');
    mkdirSync(secret, { recursive: true });
    writeFileSync(join(secret, 'authz.yaml'), "grants:\n  '*': [ALL]\n");
    chmodSync(join(secret, 'authz.yaml'), 0o666);
    mkdirSync(join(cylcRun, 'clouds', 'run1'), { recursive: true });
  });

  afterEach(async () => {
    await server.close();
    await authorization.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('with a policy', () => {
    beforeEach(() => start(true));

    it('gives the owner every subject the rules name, with the highest level and the allowed operations', async () => {
      const { status, body } = await ask('?workflow=~alice/clouds/run1');
      assert.equal(status, 200);
      const answer = body as unknown as AccessAnswer;
      assert.equal(answer.workflow, '~alice/clouds/run1');
      assert.equal(answer.policy, true);
      assert.deepEqual(answer.problems, []);
      assert.deepEqual(answer.rows.map((row) => row.subject).sort(), ['*', 'alice', 'role:forecasters']);
      const everyone = rowOf(answer, '*');
      assert.equal(everyone.maxLevel, 'read');
      assert.ok(everyone.allowed.includes('workflows') && !everyone.allowed.includes('hold'));
      const forecasters = rowOf(answer, 'role:forecasters');
      assert.equal(forecasters.maxLevel, 'execute');
      assert.ok(forecasters.allowed.includes('hold') && forecasters.allowed.includes('release'));
      assert.ok(!forecasters.allowed.includes('stop'));
      assert.equal(rowOf(answer, 'alice').maxLevel, 'write');
      assert.equal(answer.operations['hold'], 'execute');
      assert.equal(answer.operations['broadcast'], 'write');
    });

    it('names the layer files it read and where a workflow file would go', async () => {
      const answer = (await ask('?workflow=clouds/run1')).body as unknown as AccessAnswer;
      assert.deepEqual(answer.layers, [
        { layer: 'site', file: join(dir, 'site-authz.yaml'), present: true },
        { layer: 'user', file: join(home, '.isobar', 'authz.yaml'), present: true },
        { layer: 'workflow', file: join(cylcRun, 'clouds', 'run1', '.isobar', 'authz.yaml'), present: false },
      ]);
    });

    it('says why a file was refused, and the refused file grants nothing', async () => {
      const answer = (await ask(`?workflow=${encodeURIComponent('~alice/secret/run1')}`)).body as unknown as AccessAnswer;
      const file = join(cylcRun, 'secret', '.isobar', 'authz.yaml');
      assert.deepEqual(answer.layers[2], { layer: 'workflow', file, present: true });
      assert.equal(answer.problems.length, 1);
      assert.match(answer.problems[0] ?? '', /refused: others can write it/);
      assert.ok(answer.problems[0]?.startsWith(file));
      assert.notEqual(rowOf(answer, '*').maxLevel, 'write');
    });

    it('refuses everyone but the owner, before looking at the workflow', async () => {
      for (const query of ['?workflow=~alice/clouds/run1', '?workflow=~alice/nowhere', '']) {
        const { status, body } = await ask(query, 'jacintar');
        assert.equal(status, 403, query);
        assert.equal(body['code'], 'OWNER_ONLY');
        assert.equal(body['message'], "Only alice may see who can do what on alice's workflows.");
      }
    });

    it('answers 400 naming the parameter when it is missing, repeated or not a workflow', async () => {
      for (const query of ['', '?workflow=', '?workflow=a&workflow=b', '?workflow=~alice/clouds/run1//1/model', '?workflow=../etc']) {
        const { status, body } = await ask(query);
        assert.equal(status, 400, query);
        assert.equal(body['code'], 'BAD_WORKFLOW');
        assert.match(String(body['message']), /^The workflow parameter must be/);
      }
    });

    it("answers 404 for a workflow this server does not hold, another owner's included", async () => {
      for (const [query, id] of [
        ['?workflow=~alice/nowhere', '~alice/nowhere'],
        ['?workflow=clouds', '~alice/clouds'],
        ['?workflow=~bob/clouds/run1', '~bob/clouds/run1'],
      ] as const) {
        const { status, body } = await ask(query);
        assert.equal(status, 404, query);
        assert.equal(body['code'], 'NO_SUCH_WORKFLOW');
        assert.equal(body['message'], `No workflow ${id} on alice's server.`);
      }
    });

    it('answers GET and HEAD only', async () => {
      const { status } = await ask('?workflow=clouds/run1', 'alice', 'POST');
      assert.equal(status, 405);
    });
  });

  describe('without a policy', () => {
    beforeEach(() => start(false));

    it('tells the owner the fixed rule: they do everything, anyone let in reads', async () => {
      const { status, body } = await ask('?workflow=~alice/clouds/run1');
      assert.equal(status, 200);
      const answer = body as unknown as AccessAnswer;
      assert.equal(answer.policy, false);
      assert.match(answer.note ?? '', /No authorisation policy is configured/);
      assert.deepEqual(answer.layers, []);
      assert.equal(rowOf(answer, 'alice').maxLevel, 'write');
      assert.ok(rowOf(answer, 'alice').allowed.includes('broadcast'));
      assert.equal(rowOf(answer, '*').maxLevel, 'read');
      assert.ok(!rowOf(answer, '*').allowed.includes('hold'));
    });

    it('is still for the owner only, and still checks the workflow', async () => {
      assert.equal((await ask('?workflow=~alice/clouds/run1', 'jacintar')).status, 403);
      assert.equal((await ask('?workflow=~alice/nowhere')).status, 404);
      assert.equal((await ask('')).status, 400);
    });
  });
});

describe('parseWorkflowParam', () => {
  it('takes an id or a name of the owner', () => {
    assert.deepEqual(parseWorkflowParam('~alice/clouds/run1', 'alice'), { kind: 'ok', id: '~alice/clouds/run1', name: 'clouds/run1' });
    assert.deepEqual(parseWorkflowParam('clouds', 'alice'), { kind: 'ok', id: '~alice/clouds', name: 'clouds' });
  });

  it("sets another owner's id apart, and refuses what is no workflow", () => {
    assert.deepEqual(parseWorkflowParam('~bob/clouds', 'alice'), { kind: 'elsewhere', id: '~bob/clouds' });
    for (const value of [undefined, '', ['a', 'b'], '~alice/', 'a/./b', 'a\nb', '/abs']) {
      assert.equal(parseWorkflowParam(value, 'alice').kind, 'bad', JSON.stringify(value));
    }
  });
});
