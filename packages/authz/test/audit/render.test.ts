import assert from 'node:assert/strict';
import type { AuditRecord } from '../../src/audit/record';
import { renderAudit } from '../../src/audit/render';
import { AUDIT_VERBS } from '../../src/audit/verbs';
import { OPERATION_LEVELS } from '../../src/levels';

const base = { time: '2026-11-26T10:00:00.000Z', person: 'jacintar', level: 'execute', result: 'ok' } as const;
const clouds = { owner: 'atmosphere_stage', workflow: 'clouds' };
const climb = { ...clouds, task: 'climb', cycle: '1234' };

function line(record: Partial<AuditRecord> & Pick<AuditRecord, 'operation'>): string {
  return renderAudit({ ...base, target: clouds, ...record });
}

describe('audit: rendering in the seed’s wording', () => {
  it('renders the seed’s scenario exactly', () => {
    assert.equal(line({ operation: 'raise', target: { owner: '*' } }), '2026-11-26T10:00:00Z User jacintar raised privileges to execute');
    assert.equal(
      line({ operation: 'stop', target: climb }),
      '2026-11-26T10:00:00Z User jacintar stopped atmosphere_stage.clouds.climb.1234 task',
    );
    assert.equal(
      line({ operation: 'play', target: climb }),
      '2026-11-26T10:00:00Z User jacintar started atmosphere_stage.clouds.climb.1234 task',
    );
  });

  it('renders elevation events', () => {
    assert.equal(line({ operation: 'drop', target: { owner: '*' } }), '2026-11-26T10:00:00Z User jacintar dropped privileges');
    assert.equal(line({ operation: 'expire', target: { owner: '*' } }), "2026-11-26T10:00:00Z User jacintar's execute privileges expired");
    assert.equal(
      line({ operation: 'revoke', target: { owner: '*' }, level: 'write', detail: 'by admin' }),
      "2026-11-26T10:00:00Z User jacintar's write privileges were revoked (by admin)",
    );
    assert.equal(
      line({ operation: 'raise', target: { owner: '*' }, result: 'failed', detail: 'wrong password' }),
      '2026-11-26T10:00:00Z User jacintar failed to raise privileges to execute (wrong password)',
    );
    assert.equal(
      line({ operation: 'raise', target: { owner: '*' }, result: 'denied', detail: 'locked out for 60 s' }),
      '2026-11-26T10:00:00Z User jacintar was denied raising privileges to execute (locked out for 60 s)',
    );
  });

  it('renders actions on tasks and workflows', () => {
    assert.equal(
      line({ operation: 'kill', target: climb }),
      '2026-11-26T10:00:00Z User jacintar stopped atmosphere_stage.clouds.climb.1234 task',
    );
    assert.equal(line({ operation: 'stop' }), '2026-11-26T10:00:00Z User jacintar stopped atmosphere_stage.clouds workflow');
    assert.equal(
      line({ operation: 'hold', target: climb }),
      '2026-11-26T10:00:00Z User jacintar held atmosphere_stage.clouds.climb.1234 task',
    );
    assert.equal(
      line({ operation: 'release', target: climb }),
      '2026-11-26T10:00:00Z User jacintar released atmosphere_stage.clouds.climb.1234 task',
    );
    assert.equal(
      line({ operation: 'trigger', target: climb }),
      '2026-11-26T10:00:00Z User jacintar started atmosphere_stage.clouds.climb.1234 task',
    );
    assert.equal(
      line({ operation: 'setOutputs', target: climb }),
      '2026-11-26T10:00:00Z User jacintar set outputs of atmosphere_stage.clouds.climb.1234 task',
    );
    assert.equal(
      line({ operation: 'hold', target: { ...clouds, cycle: '1234' } }),
      '2026-11-26T10:00:00Z User jacintar held atmosphere_stage.clouds cycle 1234',
    );
    assert.equal(
      line({ operation: 'reload', level: 'write' }),
      '2026-11-26T10:00:00Z User jacintar reloaded atmosphere_stage.clouds workflow',
    );
  });

  it('renders denials and failures', () => {
    assert.equal(
      line({ operation: 'stop', person: 'bob', level: 'read', result: 'denied' }),
      '2026-11-26T10:00:00Z User bob was denied stop on atmosphere_stage.clouds (read only)',
    );
    assert.equal(
      line({ operation: 'edit_trigger', target: climb, result: 'denied' }),
      '2026-11-26T10:00:00Z User jacintar was denied edit_trigger on atmosphere_stage.clouds.climb.1234 (not allowed at execute)',
    );
    assert.equal(
      line({ operation: 'stop', result: 'denied', detail: 'grant expired' }),
      '2026-11-26T10:00:00Z User jacintar was denied stop on atmosphere_stage.clouds (grant expired)',
    );
    assert.equal(
      line({ operation: 'kill', target: climb, result: 'failed', detail: 'scheduler not running' }),
      "2026-11-26T10:00:00Z User jacintar's kill on atmosphere_stage.clouds.climb.1234 failed (scheduler not running)",
    );
  });

  it('has a verb for every mutation and action of the level table, and a neutral one otherwise', () => {
    for (const [operation, level] of Object.entries(OPERATION_LEVELS)) {
      if (level !== 'read') assert.ok(Object.hasOwn(AUDIT_VERBS, operation), operation);
    }
    assert.equal(
      line({ operation: 'frobnicate' }),
      '2026-11-26T10:00:00Z User jacintar performed frobnicate on atmosphere_stage.clouds workflow',
    );
    assert.equal(
      line({ operation: 'constructor' }),
      '2026-11-26T10:00:00Z User jacintar performed constructor on atmosphere_stage.clouds workflow',
    );
  });
});
