import assert from 'node:assert/strict';
import { TASK_ACTIONS, workflowActionsFor } from '../../web/src/model/actions';
import {
  NOTHING_OFFERED,
  isOffered,
  offerBasis,
  offered,
  operationName,
  parsePermissions,
  permissionsUrl,
  roleErrorNotice,
  type OfferBasis,
} from '../../web/src/model/permissions';

const EXECUTE_ONLY = {
  visitor: 'jacintar',
  level: 'execute',
  elevationExpiresAt: '2026-11-26T10:15:00Z',
  operations: {
    hold: true,
    release: true,
    trigger: true,
    kill: true,
    poll: true,
    remove: true,
    set_outputs: true,
    pause: true,
    resume: true,
    stop: true,
    play: true,
    broadcast: false,
    reload: false,
    edit_trigger: false,
  },
  roleErrors: [],
};

function policy(body: unknown): OfferBasis {
  return offerBasis(200, body, false);
}

describe('permissions', () => {
  it('offers exactly the operations whose value is true', () => {
    const basis = policy(EXECUTE_ONLY);
    assert.deepEqual(offered(basis, TASK_ACTIONS, 'execute'), ['hold', 'release', 'trigger', 'kill', 'poll', 'setOutputs', 'remove']);
    assert.deepEqual(offered(basis, workflowActionsFor('running'), 'execute'), ['hold', 'release', 'pause', 'stop']);
    assert.equal(isOffered(basis, 'broadcast', 'execute'), false);
    assert.equal(isOffered(basis, 'edit_trigger', 'execute'), false, 'no edit-trigger without write');
  });

  it('offers nothing an operation list does not name', () => {
    const basis = policy({ ...EXECUTE_ONLY, operations: { stop: true } });
    assert.deepEqual(offered(basis, TASK_ACTIONS, 'execute'), []);
    assert.deepEqual(offered(basis, workflowActionsFor('running'), 'execute'), ['stop']);
    assert.equal(isOffered(policy({ ...EXECUTE_ONLY, operations: { stop: 'yes' } }), 'stop', 'execute'), false, 'true only');
  });

  it('offers nothing from an answer made with a grant the page no longer holds', () => {
    const basis = policy(EXECUTE_ONLY);
    assert.deepEqual(offered(basis, TASK_ACTIONS, 'read'), [], 'the elevation ended: read-only until asked again');
    assert.deepEqual(offered(basis, TASK_ACTIONS, 'write'), offered(basis, TASK_ACTIONS, 'execute'));
  });

  it('keeps offering what read allows (owners exempt from elevating)', () => {
    const basis = policy({ ...EXECUTE_ONLY, level: 'read' });
    assert.equal(isOffered(basis, 'stop', 'read'), true);
  });

  it('offers nothing before an answer, after a failure, or for a confused answer', () => {
    assert.equal(isOffered(NOTHING_OFFERED, 'stop', 'write'), false);
    for (const [status, body] of [
      [0, 'Could not reach the server'],
      [403, { message: 'no' }],
      [500, 'boom'],
      [200, '<html>'],
      [200, { level: 'execute' }],
    ] as const) {
      assert.deepEqual(offerBasis(status, body, true), NOTHING_OFFERED, `${status} ${JSON.stringify(body)}`);
    }
  });

  it('falls back to canAct on a server without api/permissions', () => {
    assert.equal(isOffered(offerBasis(404, 'Not Found', true), 'stop', 'read'), true);
    assert.equal(isOffered(offerBasis(404, 'Not Found', false), 'stop', 'write'), false);
  });

  it('names operations as the policy does', () => {
    assert.equal(operationName('setOutputs'), 'set_outputs');
    assert.equal(operationName('stop'), 'stop');
    assert.equal(operationName('set_hold_point'), 'set_hold_point');
    // An answer keyed by the GraphQL spelling still counts.
    assert.equal(isOffered(policy({ ...EXECUTE_ONLY, operations: { setOutputs: true } }), 'setOutputs', 'execute'), true);
  });

  it('reads role errors and says what they mean', () => {
    const permissions = parsePermissions({
      ...EXECUTE_ONLY,
      roleErrors: ['ldap: connection refused', { provider: 'unix', message: 'getent timed out' }, 42, ''],
    });
    assert.deepEqual(permissions?.roleErrors, ['ldap: connection refused', 'unix: getent timed out']);
    assert.equal(
      roleErrorNotice(permissions?.roleErrors ?? []),
      'groups could not be read: ldap: connection refused; unix: getent timed out; you have the rights of someone without groups',
    );
    assert.equal(roleErrorNotice([]), undefined);
    assert.equal(parsePermissions({ operations: {} })?.level, 'read', 'an unknown level is read');
  });

  it('asks about the workflow on screen', () => {
    assert.equal(
      permissionsUrl('/user/atmosphere_stage/', '~atmosphere_stage/clouds'),
      '/user/atmosphere_stage/api/permissions?workflow=~atmosphere_stage%2Fclouds',
    );
    assert.equal(permissionsUrl('/user/atmosphere_stage/', undefined), '/user/atmosphere_stage/api/permissions');
  });
});
