import assert from 'node:assert/strict';
import { ConfigDir, OWNER } from './fixtures';

const SITE = `owners:\n  '*':\n    '*':\n      default: [READ, stop, play]\n      limit: [ALL]\n`;

describe('one replacing bucket per layer, after its grants and negations', () => {
  let dir: ConfigDir;
  beforeEach(() => (dir = new ConfigDir()));
  afterEach(() => dir.remove());

  it('lets a grant of the same layer win over a list that lacks the operation', () => {
    const authorizer = dir.authorizer({ site: SITE, user: `grants:\n  'group:ops': [stop]\n  'role:ops': [READ]\n` });
    assert.equal(authorizer.decide('olga', ['ops'], OWNER, 'clouds', 'stop').allowed, true);
    assert.equal(authorizer.decide('olga', ['ops'], OWNER, 'clouds', 'jobs').allowed, true);
    const hold = authorizer.explain('olga', ['ops'], OWNER, 'clouds', 'play');
    assert.equal(hold.allowed, false);
    assert.equal(hold.layer, 'user');
    assert.deepEqual(
      hold.rules.map((rule) => rule.key),
      ['grants.group:ops', 'grants.role:ops'],
      'both lists replace the site default, and both are named',
    );
  });

  it('lets a negation of the same layer win over a grant', () => {
    const authorizer = dir.authorizer({ site: SITE, user: `grants:\n  '*': [execute]\n  bob: ['!stop']\n` });
    const stop = authorizer.explain('bob', [], OWNER, 'clouds', 'stop');
    assert.equal(stop.allowed, false);
    assert.deepEqual(
      stop.rules.map((rule) => rule.key),
      ['grants.bob'],
    );
    assert.equal(authorizer.decide('bob', [], OWNER, 'clouds', 'hold').allowed, true);
    assert.equal(authorizer.decide('carol', [], OWNER, 'clouds', 'stop').allowed, true);
  });

  it('remembers a decision without changing it, and counts only the decisions Casbin made', () => {
    const authorizer = dir.authorizer({ site: SITE, user: `grants:\n  'role:ops': [execute]\n` });
    const first = authorizer.decide('olga', ['ops'], OWNER, 'clouds', 'hold');
    const made = authorizer.casbinDecisions;
    assert.deepEqual(authorizer.decide('omar', ['group:ops', 'unnamed'], OWNER, 'clouds', 'hold'), first);
    assert.equal(authorizer.casbinDecisions, made, 'the same named subjects: remembered');
    assert.equal(authorizer.decide('zed', [], OWNER, 'clouds', 'hold').allowed, false);
    assert.ok(authorizer.casbinDecisions > made);
  });
});
