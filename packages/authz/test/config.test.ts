import assert from 'node:assert/strict';
import { parseGrantsLayer } from '../src/config/parse-grants';
import { parseSiteLayer } from '../src/config/parse-site';
import { formatProblem } from '../src/config/problems';
import { ConfigDir, OWNER } from './fixtures';

const USER_FILE = '/home/atmosphere_stage/.isobar/authz.yaml';
const SITE_FILE = '/etc/isobar/authz.yaml';

function userProblems(text: string): string[] {
  return parseGrantsLayer(text, USER_FILE, 'user').problems.map(formatProblem);
}

function siteProblems(text: string): string[] {
  return parseSiteLayer(text, SITE_FILE).problems.map(formatProblem);
}

describe('config errors name file, line and key', () => {
  const userCases: [string, string, string][] = [
    [
      'an unknown permission',
      `grants:\n  'role:ops': [READ, stpo]\n`,
      `${USER_FILE}:2:22: grants.role:ops: unknown permission "stpo"; did you mean "stop"?`,
    ],
    ['a misspelt top key', `grant:\n  '*': []\n`, `${USER_FILE}:1:1: grant: unknown key; did you mean "grants"?`],
    ['a bad subject', `grants:\n  'group:': [READ]\n`, `${USER_FILE}:2:3: grants.group:: expected a role name after "group:"`],
    [
      'a list missing',
      `grants:\n  alice:\n`,
      `${USER_FILE}:2:9: grants.alice: expected a list of permissions (an empty list [] grants nothing)`,
    ],
    ['grants not a mapping', `grants: [READ]\n`, `${USER_FILE}:1:9: grants: expected a mapping`],
    ['a YAML syntax error', `grants:\n  alice: [READ\n`, `${USER_FILE}:3:1: YAML syntax error:`],
    ['a duplicate key', `grants:\n  alice: [READ]\n  alice: [stop]\n`, `${USER_FILE}:3:3: YAML syntax error: Map keys must be unique`],
  ];
  for (const [what, text, expected] of userCases) {
    it(`user config: ${what}`, () => {
      const problems = userProblems(text);
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.ok(problems[0]?.startsWith(expected), `${problems[0]}\n  does not start with\n${expected}`);
    });
  }

  const siteCases: [string, string, string][] = [
    [
      'an unknown entry key',
      `owners:\n  '*':\n    '*':\n      defualt: [READ]\n`,
      `${SITE_FILE}:4:7: owners.*.*.defualt: unknown key; did you mean "default"?`,
    ],
    [
      'a bad owner',
      `owners:\n  'group:x':\n    '*':\n      default: [READ]\n`,
      `${SITE_FILE}:2:3: owners.group:x: expected an owner's user name or "*"`,
    ],
    ['an entry with neither key', `owners:\n  '*':\n    '*': {}\n`, `${SITE_FILE}:3:5: owners.*.*: expected "default", "limit" or both`],
    [
      'a bad limit item',
      `owners:\n  '*':\n    '*':\n      limit: [READ, 3]\n`,
      `${SITE_FILE}:4:21: owners.*.*.limit: expected a permission name`,
    ],
  ];
  for (const [what, text, expected] of siteCases) {
    it(`site config: ${what}`, () => {
      const problems = siteProblems(text);
      assert.ok(problems.includes(expected), `${problems.join('\n')}\n  does not include\n${expected}`);
    });
  }

  it('an empty file is an empty config', () => {
    assert.deepEqual(userProblems(''), []);
    assert.deepEqual(siteProblems('# nothing yet\n'), []);
  });
});

describe('config errors fail closed', () => {
  const dir = new ConfigDir();
  after(() => dir.remove());
  const site = `owners:\n  '*':\n    '*':\n      default: [READ, stop]\n      limit: [ALL]\n`;

  it('a broken user config denies everyone (not the owner) what it could have granted', () => {
    const authorizer = dir.authorizer({ site, user: `grants:\n  bob: [CONTROL, nonsense]\n` });
    const decision = authorizer.decide('bob', [], OWNER, 'clouds', 'stop');
    assert.equal(decision.allowed, false);
    assert.equal(decision.layer, 'user');
    assert.match(decision.rule, /user\.yaml: this file denies everything: .*user\.yaml:2:\d+: grants\.bob: unknown permission "nonsense"/);
    assert.equal(authorizer.decide('jacintar', [], OWNER, 'clouds', 'workflows').allowed, false);
    assert.equal(authorizer.decide(OWNER, [], OWNER, 'clouds', 'stop').allowed, true);
    assert.equal(authorizer.problems(OWNER, 'clouds').length, 1);
  });

  it('a workflow layer below a broken user layer may still grant within the limit', () => {
    const authorizer = dir.authorizer({ site, user: `grants: [\n`, workflow: `grants:\n  bob: [READ]\n` });
    assert.equal(authorizer.decide('bob', [], OWNER, 'clouds', 'jobs').allowed, true);
    assert.equal(authorizer.decide('carol', [], OWNER, 'clouds', 'jobs').layer, 'user');
  });

  it('a broken site config leaves nobody but owners anything', () => {
    const authorizer = dir.authorizer({ site: `owners:\n  '*':\n    '*':\n      default: [REED]\n`, user: `grants:\n  bob: [READ]\n` });
    const decision = authorizer.decide('bob', [], OWNER, 'clouds', 'jobs');
    assert.equal(decision.allowed, false);
    assert.equal(decision.layer, 'limit');
    assert.equal(authorizer.decide(OWNER, [], OWNER, 'clouds', 'jobs').allowed, true);
  });

  it('an empty site config grants nothing', () => {
    const authorizer = dir.authorizer({ site: '' });
    const explanation = authorizer.explain('bob', [], OWNER, 'clouds', 'jobs');
    assert.equal(explanation.allowed, false);
    assert.equal(explanation.layer, 'none');
  });
});
