/**
 * The UI server as a proxy to real Cylc schedulers, through the real hub:
 * atmosphere_stage's `clouds` and `winds`, read by their owner and by
 * jacintar; commands, live updates, a scheduler stopped and started from
 * outside, and bad input of every kind.
 */
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { PUBLIC_URL, password, sleep, waitFor } from '../lib/bed';
import { FileFollower, freshWorkflows, playWorkflows, schedulerLog, stopWorkflows } from '../lib/cylc';
import { collectDeltas, graphqlPath, liveClient, postGraphQL } from '../lib/graphql';
import { stopServerViaHub } from '../lib/hub-api';
import { HubSession } from '../lib/http-session';

const OWNER = 'atmosphere_stage';
const CLOUDS = `~${OWNER}/clouds/run1`;
const WINDS = `~${OWNER}/winds/run1`;

interface WorkflowRow {
  id: string;
  status: string;
}

async function signedIn(user: string): Promise<HubSession> {
  const session = new HubSession(PUBLIC_URL);
  await session.login(user, password(user));
  const page = await session.open(`/user/${OWNER}/`);
  assert.equal(page.status, 200, `${user} could not open ${OWNER}'s server: ${page.status} ${page.url}`);
  return session;
}

async function workflows(session: HubSession): Promise<WorkflowRow[]> {
  const reply = await postGraphQL(session, OWNER, '{ workflows { id status } }');
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return (reply.body.data?.['workflows'] ?? []) as WorkflowRow[];
}

describe('Cylc through the UI server (real hub, sshd and schedulers)', function () {
  this.timeout(180_000);
  let owner: HubSession;
  let jacintar: HubSession;

  before(async function () {
    this.timeout(300_000);
    freshWorkflows('clouds', 'winds');
    await stopServerViaHub(OWNER);
    owner = await signedIn(OWNER);
    jacintar = await signedIn('jacintar');
  });
  after(function () {
    this.timeout(120_000);
    stopWorkflows('clouds', 'winds');
  });

  it('atmosphere_stage sees clouds and winds running, with their tasks, answered from the store', async () => {
    const rows = await waitFor(
      'clouds and winds running',
      async () => {
        const list = await workflows(owner);
        const running = list.filter((w) => w.status === 'running').map((w) => w.id);
        return running.includes(CLOUDS) && running.includes(WINDS) ? list : undefined;
      },
      30_000,
    );
    assert.ok(rows.length >= 2);
    const reply = await postGraphQL(
      owner,
      OWNER,
      `{ taskProxies(workflows: ["${CLOUDS}"], ids: ["*/climb"]) { id name cyclePoint state } }`,
    );
    const tasks = reply.body.data?.['taskProxies'] as { id: string; name: string }[];
    assert.ok(tasks.length > 0, JSON.stringify(reply.body));
    assert.ok(tasks.every((t) => t.name === 'climb' && t.id.startsWith(`${CLOUDS}//`)));
  });

  it('the exact Cylc read query works, and reads never wait for a scheduler round trip (~200 ms)', async () => {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      const reply = await postGraphQL(owner, OWNER, '{ workflows { id status } taskProxies { id state } }');
      times.push(performance.now() - start);
      assert.equal(reply.status, 200);
      assert.ok(Array.isArray(reply.body.data?.['taskProxies']));
    }
    times.sort((a, b) => a - b);
    // Through the hub's proxy; a scheduler round trip alone would be ~200 ms.
    assert.ok(times[10]! < 100, `median ${times[10]} ms`);
  });

  it('jacintar reads the same server but may not act: 403 and nothing reaches the scheduler', async () => {
    const rows = await workflows(jacintar);
    assert.ok(rows.some((w) => w.id === CLOUDS));
    const log = new FileFollower(schedulerLog(OWNER, 'clouds'));
    try {
      const reply = await postGraphQL(jacintar, OWNER, `mutation { hold(workflows: ["${CLOUDS}"], tasks: ["1/climb"]) { result } }`);
      assert.equal(reply.status, 403, JSON.stringify(reply.body));
      assert.match(reply.body.errors?.[0]?.message ?? '', /jacintar/);
      await sleep(1500);
      assert.ok(!log.lines.some((l) => l.text.includes('[command]')), log.tail(5));
    } finally {
      log.stop();
    }
  });

  it("the owner's command is forwarded to the scheduler, which logs it", async () => {
    const log = new FileFollower(schedulerLog(OWNER, 'winds'));
    try {
      const reply = await postGraphQL(owner, OWNER, `mutation { pause(workflows: ["${WINDS}"]) { result } }`);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      await log.waitFor(/\[command\] pause/, 15_000);
      await waitFor(
        'winds paused',
        async () => ((await workflows(owner)).find((w) => w.id === WINDS)?.status === 'paused' ? true : undefined),
        15_000,
      );
      const resume = await postGraphQL(owner, OWNER, `mutation { resume(workflows: ["${WINDS}"]) { result } }`);
      assert.equal(resume.status, 200, JSON.stringify(resume.body));
      await log.waitFor(/\[command\] resume/, 15_000);
      await waitFor(
        'winds running again',
        async () => ((await workflows(owner)).find((w) => w.id === WINDS)?.status === 'running' ? true : undefined),
        15_000,
      );
    } finally {
      log.stop();
    }
  });

  it('live updates: everything at once, then deltas; a scheduler stopped from outside shows stopped with history, and restarted is followed without reconnecting', async () => {
    const client = liveClient(owner, OWNER);
    let connects = 0;
    client.on('connected', () => connects++);
    const feed = collectDeltas(
      client,
      'id reset added { workflow { id status } taskProxies { id state } jobs { id state } } updated { workflow { id status } taskProxies { id state } } pruned { taskProxies }',
      [WINDS],
    );
    try {
      const first = await feed.waitFor((m) => m.reset === true, 15_000);
      const added = first.deltas.added as { workflow: WorkflowRow; taskProxies: unknown[] };
      assert.equal(added.workflow.status, 'running');
      assert.ok(added.taskProxies.length > 0);
      await feed.waitFor((m) => m.reset !== true && (m.updated as { taskProxies?: unknown[] } | null)?.taskProxies !== undefined, 30_000);

      stopWorkflows('winds');
      const stopped = await feed.waitFor((m) => {
        const wf = ((m.added ?? m.updated) as { workflow?: WorkflowRow } | null)?.workflow;
        return wf?.status === 'stopped';
      }, 30_000);
      const history = stopped.deltas.added as { taskProxies?: { state: string }[]; jobs?: { state: string }[] } | null;
      assert.ok(
        (history?.taskProxies ?? []).some((t) => t.state === 'succeeded'),
        'history from the run database',
      );
      assert.ok((history?.jobs ?? []).length > 0, 'jobs from the run database');

      playWorkflows('winds');
      const again = await feed.waitFor(
        (m) => m.reset === true && (m.added as { workflow?: WorkflowRow } | null)?.workflow?.status === 'running',
        60_000,
        stopped.at,
      );
      assert.ok(again.at > stopped.at);
      assert.equal(connects, 1, 'the same websocket carried it all');
      assert.deepEqual(feed.errors, []);
    } finally {
      feed.stop();
      await client.dispose();
    }
  });

  describe('bad input is refused clearly, and the server keeps serving', () => {
    it('malformed GraphQL: 400 with the parser message', async () => {
      const reply = await postGraphQL(owner, OWNER, '{ workflows { id ');
      assert.equal(reply.status, 400);
      assert.match(reply.body.errors?.[0]?.message ?? '', /Syntax Error/);
    });

    it('a field or a mutation that does not exist: 400 naming it', async () => {
      const field = await postGraphQL(owner, OWNER, '{ workflows { id bogusField } }');
      assert.equal(field.status, 400);
      assert.match(field.body.errors?.[0]?.message ?? '', /bogusField/);
      const mutation = await postGraphQL(owner, OWNER, `mutation { explode(workflows: ["${CLOUDS}"]) { result } }`);
      assert.equal(mutation.status, 400);
      assert.match(mutation.body.errors?.[0]?.message ?? '', /explode/);
    });

    it('a workflow ID of another owner: refused, nothing forwarded', async () => {
      const reply = await postGraphQL(owner, OWNER, 'mutation { hold(workflows: ["~oceans_stage/waves/run1"], tasks: ["*"]) { result } }');
      assert.ok(reply.status >= 400, JSON.stringify(reply.body));
      assert.match(reply.body.errors?.[0]?.message ?? '', /oceans_stage/);
      const logs = await owner.json(`/user/${OWNER}/api/logs/files?id=${encodeURIComponent('~oceans_stage/waves/run1')}`);
      assert.equal(logs.status, 404);
    });

    it('../ in log paths: refused', async () => {
      for (const [id, file] of [
        [CLOUDS, '../../../../.ssh/authorized_keys'],
        [CLOUDS, '..'],
        [`${CLOUDS}//1/climb/../../..`, 'job.out'],
        [`${CLOUDS}//1/climb/01`, '../../../../../db'],
      ] as const) {
        const reply = await owner.json(`/user/${OWNER}/api/logs/file?id=${encodeURIComponent(id)}&file=${encodeURIComponent(file)}`);
        assert.ok(reply.status === 400 || reply.status === 404, `${id} ${file}: ${reply.status}`);
      }
    });

    it('an oversized request: 413', async () => {
      const huge = `{ workflows { id } } # ${'x'.repeat(200_000)}`;
      const reply = await postGraphQL(owner, OWNER, huge);
      assert.equal(reply.status, 413);
    });

    it('a flood of websocket messages closes that socket; another viewer keeps getting answers', async () => {
      const path = graphqlPath(OWNER);
      const cookie = owner.jar.headerFor(path);
      const flood = new WebSocket(`${PUBLIC_URL.replace(/^http/, 'ws')}${path}`, 'graphql-transport-ws', { headers: { cookie } });
      const closed = new Promise<number>((resolve) => flood.on('close', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        flood.on('open', () => resolve());
        flood.on('error', reject);
      });
      flood.send(JSON.stringify({ type: 'connection_init' }));
      for (let i = 0; i < 2000 && flood.readyState === WebSocket.OPEN; i++) flood.send(JSON.stringify({ type: 'ping' }));
      assert.equal(await closed, 4429);
      const rows = await workflows(jacintar);
      assert.ok(rows.some((w) => w.id === CLOUDS));
    });
  });
});
