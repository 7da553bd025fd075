import assert from 'node:assert/strict';
import { HOME, formatHash, parseHash, type Route } from '../../web/src/model/route';

describe('hash routes', () => {
  const W = '~alice/clouds/run1';
  const T = `${W}//20240101T00Z/model`;

  it('round-trips every route', () => {
    const routes: Route[] = [
      HOME,
      { workflowIds: [W], panel: { kind: 'none' } },
      { workflowIds: [W], panel: { kind: 'task', taskId: T } },
      { workflowIds: [W], panel: { kind: 'log' } },
      { workflowIds: [W], panel: { kind: 'access' } },
      { workflowIds: [W, '~alice/winds'], panel: { kind: 'none' } },
      { workflowIds: [], panel: { kind: 'none' }, audit: {} },
      {
        workflowIds: [],
        panel: { kind: 'none' },
        audit: { person: 'jacintar', owner: 'alice', workflow: 'clouds', since: '2026-11-26T10:00:00.000Z' },
      },
    ];
    for (const route of routes) assert.deepEqual(parseHash(formatHash(route)), route, formatHash(route));
  });

  it('uses encodeURIComponent for the workflow ID', () => {
    assert.equal(formatHash({ workflowIds: [W], panel: { kind: 'none' } }), `#/workflow/${encodeURIComponent(W)}`);
  });

  it('accepts hand-typed unencoded IDs', () => {
    assert.deepEqual(parseHash('#/workflow/~alice/clouds/run1'), { workflowIds: [W], panel: { kind: 'none' } });
    assert.deepEqual(parseHash('#/workflow/~alice/clouds/run1/log'), { workflowIds: [W], panel: { kind: 'log' } });
  });

  it('has a view of who can do what on a workflow', () => {
    assert.equal(formatHash({ workflowIds: [W], panel: { kind: 'access' } }), `#/workflow/${encodeURIComponent(W)}/access`);
    assert.deepEqual(parseHash('#/workflow/~alice/clouds/run1/access'), { workflowIds: [W], panel: { kind: 'access' } });
    // Only as the last segment: a workflow with a part named `access` still opens.
    assert.deepEqual(parseHash('#/workflow/~alice/access/run1'), { workflowIds: ['~alice/access/run1'], panel: { kind: 'none' } });
    assert.deepEqual(parseHash('#/workflow/access'), { workflowIds: ['access'], panel: { kind: 'none' } });
  });

  it('has an audit view with filters in the hash', () => {
    assert.deepEqual(parseHash('#/audit'), { workflowIds: [], panel: { kind: 'none' }, audit: {} });
    assert.deepEqual(parseHash('#/audit?person=jacintar&colour=red&owner='), {
      workflowIds: [],
      panel: { kind: 'none' },
      audit: { person: 'jacintar' },
    });
    assert.equal(formatHash({ workflowIds: [], panel: { kind: 'none' }, audit: { person: 'jacintar' } }), '#/audit?person=jacintar');
    assert.equal(parseHash('#/workflow/~alice/clouds').audit, undefined);
  });

  it('falls back to the list for anything else', () => {
    for (const hash of ['', '#', '#/', '#/nowhere', '#/workflow/', '#/workflow/%E0%A4%A', '#/workflows/']) {
      assert.deepEqual(parseHash(hash), HOME, hash);
    }
  });
});
