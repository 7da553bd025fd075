import assert from 'node:assert/strict';
import { auditUrl, cleanFilter, parseAuditAnswer, renderAuditRecord, sinceParam } from '../../web/src/model/audit';

describe('audit lines', () => {
  it('renders the seed scenario in the seed wording', () => {
    const records = [
      { time: '2026-11-26T10:00:00.000Z', person: 'jacintar', operation: 'raise', target: { owner: '*' }, level: 'execute', result: 'ok' },
      {
        time: '2026-11-26T10:01:00.123Z',
        person: 'jacintar',
        operation: 'kill',
        target: { owner: 'atmosphere_stage', workflow: 'clouds', task: 'climb', cycle: '1234' },
        level: 'execute',
        result: 'ok',
      },
      {
        time: '2026-11-26T10:02:00Z',
        person: 'jacintar',
        operation: 'trigger',
        target: { owner: 'atmosphere_stage', workflow: 'clouds', task: 'climb', cycle: '1234' },
        level: 'execute',
        result: 'ok',
      },
      {
        time: '2026-11-26T10:03:00Z',
        person: 'jacintar',
        operation: 'play',
        target: { owner: 'atmosphere_stage', workflow: 'clouds', task: 'climb', cycle: '1234' },
        level: 'execute',
        result: 'ok',
      },
    ];
    assert.deepEqual(records.map(renderAuditRecord), [
      '2026-11-26T10:00:00Z User jacintar raised privileges to execute',
      // Operators' words, as the central renderer (packages/authz) has them: killing the job stops the task.
      '2026-11-26T10:01:00Z User jacintar stopped atmosphere_stage.clouds.climb.1234 task',
      '2026-11-26T10:02:00Z User jacintar started atmosphere_stage.clouds.climb.1234 task',
      '2026-11-26T10:03:00Z User jacintar started atmosphere_stage.clouds.climb.1234 task',
    ]);
  });

  it('renders denials, failures, workflows and elevation events', () => {
    const base = { time: '2026-11-26T10:00:00Z', person: 'bob', level: 'read' };
    const clouds = { owner: 'atmosphere_stage', workflow: 'clouds' };
    assert.equal(
      renderAuditRecord({ ...base, operation: 'stop', target: clouds, result: 'denied' }),
      '2026-11-26T10:00:00Z User bob was denied stop on atmosphere_stage.clouds (read only)',
    );
    assert.equal(
      renderAuditRecord({ ...base, operation: 'setOutputs', target: clouds, level: 'execute', result: 'denied', detail: 'grant expired' }),
      '2026-11-26T10:00:00Z User bob was denied set_outputs on atmosphere_stage.clouds (grant expired)',
    );
    assert.equal(
      renderAuditRecord({ ...base, operation: 'pause', target: clouds, level: 'execute', result: 'ok' }),
      '2026-11-26T10:00:00Z User bob paused atmosphere_stage.clouds workflow',
    );
    assert.equal(
      renderAuditRecord({ ...base, operation: 'reload', target: clouds, level: 'write', result: 'failed', detail: 'scheduler gone' }),
      "2026-11-26T10:00:00Z User bob's reload on atmosphere_stage.clouds failed (scheduler gone)",
    );
    assert.equal(
      renderAuditRecord({ ...base, operation: 'drop', target: { owner: '*' }, result: 'ok' }),
      '2026-11-26T10:00:00Z User bob dropped privileges',
    );
    assert.equal(
      renderAuditRecord({ ...base, operation: 'expire', level: 'execute', target: { owner: '*' }, result: 'ok' }),
      "2026-11-26T10:00:00Z User bob's execute privileges expired",
    );
    // The hub-service's own records: a person or owner as the target, `reason` for why.
    assert.equal(
      renderAuditRecord({ ...base, person: 'admin', operation: 'revoke', target: 'bob', level: 'write', result: 'ok' }),
      "2026-11-26T10:00:00Z User admin revoked bob's write privileges",
    );
    assert.equal(
      renderAuditRecord({ ...base, operation: 'raise', level: 'execute', result: 'denied', reason: 'wrong password' }),
      '2026-11-26T10:00:00Z User bob was denied raising privileges to execute (wrong password)',
    );
    assert.equal(
      renderAuditRecord({ ...base, operation: 'grant', target: 'atmosphere_stage', result: 'denied', reason: 'not elevated' }),
      "2026-11-26T10:00:00Z User bob was refused a grant for atmosphere_stage's server (not elevated)",
    );
    assert.equal(
      renderAuditRecord({ ...base, operation: 'frobnicate', target: clouds, result: 'ok' }),
      '2026-11-26T10:00:00Z User bob performed frobnicate on atmosphere_stage.clouds workflow',
    );
  });

  it('shows a record’s own text as it is', () => {
    assert.equal(renderAuditRecord({ text: 'as the server says', person: 'x', operation: 'stop' }), 'as the server says');
  });

  it('reads the shapes api/audit may answer with, oldest first', () => {
    const stop = {
      time: '2026-11-26T10:02:00Z',
      person: 'jacintar',
      operation: 'stop',
      target: { owner: 'a', workflow: 'w' },
      level: 'execute',
      result: 'ok',
    };
    const raise = {
      time: '2026-11-26T10:00:00Z',
      person: 'jacintar',
      operation: 'raise',
      target: { owner: '*' },
      level: 'execute',
      result: 'ok',
    };
    const expected = [
      '2026-11-26T10:00:00Z User jacintar raised privileges to execute',
      '2026-11-26T10:02:00Z User jacintar stopped a.w workflow',
    ];
    for (const body of [
      [stop, raise],
      { records: [stop, raise] },
      {
        entries: [
          { record: stop, seq: 2 },
          { record: raise, seq: 1 },
        ],
      },
    ]) {
      assert.deepEqual(
        parseAuditAnswer(body)?.map((line) => line.text),
        expected,
        JSON.stringify(body).slice(0, 40),
      );
    }
    const lines = parseAuditAnswer({ records: [{ record: stop, text: 'stored text' }] });
    assert.equal(lines?.[0]?.text, 'stored text');
    assert.equal(lines?.[0]?.person, 'jacintar');
    assert.equal(lines?.[0]?.operation, 'stop');
    assert.deepEqual(parseAuditAnswer({ records: [] }), []);
    assert.equal(parseAuditAnswer('<html>'), undefined);
    assert.equal(parseAuditAnswer({ message: 'no' }), undefined);
  });

  it('asks api/audit with the filters', () => {
    assert.equal(auditUrl({}), '/services/isobar/api/audit?limit=200');
    assert.equal(
      auditUrl({ person: ' jacintar ', owner: 'atmosphere_stage', workflow: '', since: '2026-11-26T10:00:00.000Z' }),
      '/services/isobar/api/audit?limit=200&person=jacintar&owner=atmosphere_stage&since=2026-11-26T10%3A00%3A00.000Z',
    );
    assert.deepEqual(cleanFilter({ person: '', owner: undefined, workflow: ' clouds ' }), { workflow: 'clouds' });
    assert.equal(sinceParam('2026-11-26T10:00:00Z'), '2026-11-26T10:00:00.000Z');
    assert.equal(sinceParam('yesterday-ish'), undefined);
    assert.equal(sinceParam(' '), undefined);
  });
});
