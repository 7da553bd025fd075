import assert from 'node:assert/strict';
import { ConfigDir, OWNER, type Layers } from './fixtures';

/** One question to the authorizer and the answer expected. */
interface Check {
  readonly person: string;
  readonly roles?: readonly string[];
  readonly workflow?: string;
  readonly operation: string;
  readonly allowed: boolean;
  readonly layer: string;
}

interface Case {
  readonly name: string;
  readonly layers: Layers;
  readonly checks: readonly Check[];
}

const SEED_SITE = `owners:
  '*':
    '*':
      default: [READ, stop, play]
      limit: [READ, CONTROL]
`;

const cases: readonly Case[] = [
  {
    name: 'site default for everyone',
    layers: { site: SEED_SITE },
    checks: [
      { person: 'jacintar', operation: 'workflows', allowed: true, layer: 'site' },
      { person: 'jacintar', operation: 'stop', allowed: true, layer: 'site' },
      { person: 'jacintar', operation: 'play', allowed: true, layer: 'site' },
      { person: 'jacintar', operation: 'hold', allowed: false, layer: 'site' },
      { person: 'jacintar', operation: 'broadcast', allowed: false, layer: 'site' },
      { person: 'jacintar', workflow: '', operation: 'api/whoami', allowed: true, layer: 'site' },
    ],
  },
  {
    name: 'a lower layer granting beyond the site limit gets only the limit',
    layers: { site: SEED_SITE, user: `grants:\n  jacintar: [ALL]\n`, workflow: `grants:\n  bob: [write]\n` },
    checks: [
      { person: 'jacintar', operation: 'hold', allowed: true, layer: 'user' },
      { person: 'jacintar', operation: 'reload', allowed: true, layer: 'user' },
      { person: 'jacintar', operation: 'broadcast', allowed: false, layer: 'limit' },
      { person: 'jacintar', operation: 'edit_trigger', allowed: false, layer: 'limit' },
      { person: 'bob', operation: 'broadcast', allowed: false, layer: 'limit' },
      { person: 'bob', operation: 'kill', allowed: true, layer: 'workflow' },
    ],
  },
  {
    name: 'per-owner site entries replace the every-owner entry for the same subject',
    layers: {
      site: `${SEED_SITE}  ${OWNER}:\n    '*':\n      default: [READ]\n    'group:ops':\n      default: [execute]\n`,
    },
    checks: [
      { person: 'jacintar', operation: 'stop', allowed: false, layer: 'site' },
      { person: 'jacintar', operation: 'jobs', allowed: true, layer: 'site' },
      { person: 'olga', roles: ['ops'], operation: 'trigger', allowed: true, layer: 'site' },
    ],
  },
  {
    name: 'negations win within a layer and refine the layer above',
    layers: {
      site: `owners:\n  '*':\n    '*':\n      default: [READ, CONTROL]\n      limit: [ALL]\n`,
      user: `grants:\n  'role:ops': [CONTROL, '!kill']\n  bob: [CONTROL]\n`,
      workflow: `grants:\n  '*': ['!stop']\n`,
    },
    checks: [
      { person: 'olga', roles: ['ops'], operation: 'kill', allowed: false, layer: 'user' },
      { person: 'olga', roles: ['ops'], operation: 'hold', allowed: true, layer: 'user' },
      { person: 'bob', roles: ['ops'], operation: 'kill', allowed: false, layer: 'user' },
      { person: 'bob', operation: 'kill', allowed: true, layer: 'user' },
      { person: 'bob', operation: 'stop', allowed: false, layer: 'workflow' },
      { person: 'carol', operation: 'hold', allowed: true, layer: 'site' },
      { person: 'carol', operation: 'stop', allowed: false, layer: 'workflow' },
    ],
  },
  {
    name: 'grants add up across the subjects a person matches',
    layers: {
      site: `owners:\n  '*':\n    '*':\n      default: [READ]\n      limit: [ALL]\n`,
      user: `grants:\n  '*': []\n  'group:ops': [hold]\n  'role:duty': [release]\n`,
    },
    checks: [
      { person: 'olga', roles: ['ops', 'duty'], operation: 'hold', allowed: true, layer: 'user' },
      { person: 'olga', roles: ['group:ops', 'role:duty'], operation: 'release', allowed: true, layer: 'user' },
      { person: 'olga', roles: ['ops'], operation: 'workflows', allowed: false, layer: 'user' },
      { person: 'zed', operation: 'workflows', allowed: false, layer: 'user' },
    ],
  },
  {
    name: 'limits are per subject and negations in limits win',
    layers: {
      site: `owners:\n  '*':\n    '*':\n      default: [READ]\n    'group:ops':\n      limit: [CONTROL, '!remove']\n`,
      user: `grants:\n  'role:ops': [CONTROL]\n  bob: [CONTROL]\n`,
    },
    checks: [
      { person: 'olga', roles: ['ops'], operation: 'hold', allowed: true, layer: 'user' },
      { person: 'olga', roles: ['ops'], operation: 'remove', allowed: false, layer: 'limit' },
      { person: 'bob', operation: 'hold', allowed: false, layer: 'limit' },
      { person: 'bob', operation: 'jobs', allowed: false, layer: 'user' },
    ],
  },
  {
    name: 'the owner always has everything on their own workflows',
    layers: {
      site: `owners:\n  '*':\n    '*':\n      default: []\n`,
      user: `grants:\n  '*': []\n`,
      workflow: `grants:\n  '*': ['!broadcast']\n`,
    },
    checks: [
      { person: OWNER, operation: 'broadcast', allowed: true, layer: 'owner' },
      { person: OWNER, operation: 'edit_file', allowed: true, layer: 'owner' },
      { person: OWNER, workflow: '', operation: 'page', allowed: true, layer: 'owner' },
      { person: OWNER, operation: 'drop_everything', allowed: false, layer: 'unmapped' },
    ],
  },
  {
    name: 'unmapped operations are denied to everyone',
    layers: { site: `owners:\n  '*':\n    '*':\n      default: [ALL]\n      limit: [ALL]\n` },
    checks: [
      { person: 'jacintar', operation: 'workflows', allowed: true, layer: 'site' },
      { person: 'jacintar', operation: 'api/admin', allowed: false, layer: 'unmapped' },
      { person: 'jacintar', operation: 'setEverything', allowed: false, layer: 'unmapped' },
    ],
  },
  {
    name: "the seed's example, as written in three configs",
    layers: {
      // Site: everyone has read and stop/start on all workflows by default.
      site: SEED_SITE,
      // atmosphere_stage is sensitive: read-only to one role, stop/start to nobody but themselves.
      user: `grants:\n  '*': []\n  'role:forecasters': [READ]\n`,
      // One workflow so sensitive that only its owner can read it.
      workflow: `grants:\n  '*': []\n`,
    },
    checks: [
      { person: 'jacintar', roles: ['forecasters'], workflow: 'winds', operation: 'workflows', allowed: true, layer: 'user' },
      { person: 'jacintar', roles: ['forecasters'], workflow: 'winds', operation: 'api/logs/file', allowed: true, layer: 'user' },
      { person: 'jacintar', roles: ['forecasters'], workflow: 'winds', operation: 'stop', allowed: false, layer: 'user' },
      { person: 'jacintar', roles: ['forecasters'], workflow: 'winds', operation: 'play', allowed: false, layer: 'user' },
      { person: 'bob', workflow: 'winds', operation: 'workflows', allowed: false, layer: 'user' },
      { person: 'jacintar', roles: ['forecasters'], workflow: 'secret', operation: 'workflows', allowed: false, layer: 'workflow' },
      { person: OWNER, workflow: 'secret', operation: 'workflows', allowed: true, layer: 'owner' },
      { person: OWNER, workflow: 'winds', operation: 'stop', allowed: true, layer: 'owner' },
    ],
  },
];

describe('precedence: site → user → workflow', () => {
  for (const testCase of cases) {
    describe(testCase.name, () => {
      const dir = new ConfigDir();
      // The seed's example has a workflow file only for "secret"; the other cases for every workflow.
      const seed = testCase.name.startsWith("the seed's");
      const authorizer = dir.authorizer(testCase.layers);
      const withoutWorkflowLayer = seed ? dir.authorizer({ site: testCase.layers.site, user: testCase.layers.user }) : authorizer;
      after(() => dir.remove());
      for (const check of testCase.checks) {
        const workflow = check.workflow ?? 'clouds';
        const roles = check.roles ?? [];
        it(`${check.person}${roles.length > 0 ? ` (${roles.join(', ')})` : ''} ${check.allowed ? 'may' : 'may not'} ${check.operation || 'page'} on ${workflow || 'the server'}: ${check.layer}`, () => {
          const subject = seed && workflow !== 'secret' ? withoutWorkflowLayer : authorizer;
          const decision = subject.decide(check.person, roles, OWNER, workflow, check.operation);
          assert.equal(decision.allowed, check.allowed, decision.rule);
          assert.equal(decision.layer, check.layer, decision.rule);
        });
      }
    });
  }
});
