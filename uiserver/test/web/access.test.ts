import assert from 'node:assert/strict';
import { accessUrl, groupByLevel, offersAccessView, parseAccessAnswer, subjectLabel } from '../../web/src/model/access';

const OPERATIONS = { workflows: 'read', deltas: 'read', hold: 'execute', stop: 'execute', broadcast: 'write' };

/** An `api/access` answer as the UI server sends it (uiserver/src/authz/access-answer.ts). */
const ANSWER = {
  owner: 'alice',
  workflow: '~alice/clouds/run1',
  policy: true,
  layers: [
    { layer: 'site', file: '/etc/isobar/authz.yaml', present: true },
    { layer: 'user', file: '/home/alice/.isobar/authz.yaml', present: true },
    { layer: 'workflow', file: '/home/alice/cylc-run/clouds/.isobar/authz.yaml', present: true },
  ],
  problems: ['/home/alice/cylc-run/clouds/.isobar/authz.yaml: refused: others can write it (mode 0666); run chmod go-w on it'],
  operations: OPERATIONS,
  rows: [
    { subject: '*', maxLevel: 'read', allowed: ['workflows', 'deltas'] },
    { subject: 'alice', maxLevel: 'write', allowed: ['workflows', 'deltas', 'hold', 'stop', 'broadcast'] },
    { subject: 'role:forecasters', maxLevel: 'execute', allowed: ['workflows', 'deltas', 'hold'] },
    { subject: 'zoe', maxLevel: null, allowed: [] },
    { subject: 'bob', maxLevel: 'read', allowed: ['workflows'] },
  ],
};

describe('access: who can do what', () => {
  it('asks the UI server about one workflow', () => {
    assert.equal(accessUrl('/user/alice/', '~alice/clouds/run1'), '/user/alice/api/access?workflow=~alice%2Fclouds%2Frun1');
  });

  it('orders rows owner, people, roles, everyone else', () => {
    const view = parseAccessAnswer(ANSWER);
    assert.ok(view);
    assert.deepEqual(
      view.rows.map((row) => [row.subject, row.kind, row.label]),
      [
        ['alice', 'owner', 'alice (owner)'],
        ['bob', 'person', 'bob'],
        ['zoe', 'person', 'zoe'],
        ['role:forecasters', 'role', 'role:forecasters'],
        ['*', 'everyone', '* (everyone else)'],
      ],
    );
  });

  it('groups allowed operations by level, in a word when it is all or none', () => {
    const view = parseAccessAnswer(ANSWER);
    const forecasters = view?.rows.find((row) => row.subject === 'role:forecasters');
    assert.equal(forecasters?.maxLevel, 'execute');
    assert.deepEqual(forecasters?.groups, [
      { level: 'read', allowed: ['workflows', 'deltas'], summary: 'all' },
      { level: 'execute', allowed: ['hold'], summary: 'some' },
      { level: 'write', allowed: [], summary: 'none' },
    ]);
    const zoe = view?.rows.find((row) => row.subject === 'zoe');
    assert.equal(zoe?.maxLevel, undefined, 'null: may do nothing at all');
    assert.ok(zoe?.groups.every((group) => group.summary === 'none'));
  });

  it('keeps the files read and the problems, for above the table', () => {
    const view = parseAccessAnswer(ANSWER);
    assert.equal(view?.policy, true);
    assert.equal(view?.note, undefined);
    assert.equal(view?.layers.length, 3);
    assert.deepEqual(view?.problems, ANSWER.problems);
  });

  it('reads the answer of a server without a policy', () => {
    const view = parseAccessAnswer({
      ...ANSWER,
      policy: false,
      note: 'No authorisation policy is configured for this server.',
      layers: [],
      problems: [],
    });
    assert.equal(view?.policy, false);
    assert.equal(view?.note, 'No authorisation policy is configured for this server.');
  });

  it('leaves out what it cannot read, and refuses what is no answer', () => {
    for (const body of [undefined, null, 'Forbidden', [], { rows: 'no' }]) assert.equal(parseAccessAnswer(body), undefined);
    const view = parseAccessAnswer({
      rows: [{ subject: '' }, { maxLevel: 'write' }, { subject: 'carol', maxLevel: 'admin', allowed: ['hold', 7, 'fly'] }],
      operations: { hold: 'execute', fly: 'sky' },
      layers: [{ layer: 'site' }, 'x'],
      problems: ['one', 2],
    });
    assert.deepEqual(
      view?.rows.map((row) => [row.subject, row.maxLevel]),
      [['carol', undefined]],
    );
    assert.deepEqual(view?.rows[0]?.groups[1], { level: 'execute', allowed: ['hold'], summary: 'all' });
    assert.deepEqual(view?.layers, []);
    assert.deepEqual(view?.problems, ['one']);
  });

  it('counts a level with no operations at all as none', () => {
    assert.deepEqual(groupByLevel(['workflows'], { workflows: 'read' })[2], { level: 'write', allowed: [], summary: 'none' });
  });

  it('offers the view to the owner only, never on a kiosk screen', () => {
    assert.equal(offersAccessView('alice', 'alice', false), true);
    assert.equal(offersAccessView('jacintar', 'alice', false), false);
    assert.equal(offersAccessView('alice', 'alice', true), false);
    assert.equal(offersAccessView('', '', false), false);
  });

  it('labels subjects as a config writes them', () => {
    assert.equal(subjectLabel('*', 'alice'), '* (everyone else)');
    assert.equal(subjectLabel('role:ops', 'alice'), 'role:ops');
  });
});
