import assert from 'node:assert/strict';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Authorizer } from '../src/authorizer';
import { fixedLocations, standardLocations } from '../src/config/locations';
import { ConfigDir, currentUid, OWNER } from './fixtures';

const SITE = `owners:\n  '*':\n    '*':\n      default: [READ]\n      limit: [ALL]\n`;

describe('the compiled policy follows config changes', () => {
  let dir: ConfigDir;
  beforeEach(() => (dir = new ConfigDir()));
  afterEach(() => dir.remove());

  it('rebuilds when a file is edited, replaced or created, once the recheck interval has passed', () => {
    let now = 0;
    const site = dir.write('site.yaml', SITE);
    const user = join(dir.path, 'user.yaml');
    const authorizer = new Authorizer({ locations: fixedLocations({ site, user }), ownerUid: () => currentUid(), clock: () => now });
    assert.equal(authorizer.decide('bob', [], OWNER, 'clouds', 'hold').allowed, false);

    dir.write('user.yaml', `grants:\n  bob: [hold]\n`);
    assert.equal(authorizer.decide('bob', [], OWNER, 'clouds', 'hold').allowed, false, 'within the interval the compiled policy is kept');
    now += 1000;
    assert.equal(authorizer.decide('bob', [], OWNER, 'clouds', 'hold').allowed, true, 'a new file is noticed');

    writeFileSync(join(dir.path, 'next.yaml'), `grants:\n  bob: [READ]\n`);
    renameSync(join(dir.path, 'next.yaml'), user);
    now += 1000;
    assert.equal(authorizer.decide('bob', [], OWNER, 'clouds', 'hold').allowed, false, 'a replaced file is noticed');
    assert.equal(authorizer.decide('bob', [], OWNER, 'clouds', 'jobs').allowed, true);

    dir.write('site.yaml', `owners:\n  '*':\n    '*':\n      default: [READ]\n`);
    dir.write('user.yaml', `grants:\n  bob: [READ, hold]\n`);
    now += 1000;
    assert.equal(authorizer.decide('bob', [], OWNER, 'clouds', 'hold').layer, 'limit', 'an edited site limit applies');
  });

  it('finds the nearest workflow file in the run directory or above it', () => {
    const home = dir.path;
    dir.write('site.yaml', SITE);
    const locations = standardLocations(() => ({ uid: currentUid(), home }), join(home, 'site.yaml'));
    assert.deepEqual(locations.workflowFiles(OWNER, 'clouds/run1'), [
      join(home, 'cylc-run', 'clouds', 'run1', '.isobar', 'authz.yaml'),
      join(home, 'cylc-run', 'clouds', '.isobar', 'authz.yaml'),
    ]);
    assert.deepEqual(locations.workflowFiles(OWNER, '../etc'), []);
    const authorizer = new Authorizer({ locations, ownerUid: () => currentUid(), recheckIntervalMs: 0 });
    assert.equal(authorizer.decide('bob', [], OWNER, 'clouds/run1', 'jobs').allowed, true);
    mkdirSync(join(home, 'cylc-run', 'clouds', '.isobar'), { recursive: true });
    writeFileSync(join(home, 'cylc-run', 'clouds', '.isobar', 'authz.yaml'), `grants:\n  '*': []\n`);
    const decision = authorizer.decide('bob', [], OWNER, `~${OWNER}/clouds/run1`, 'jobs');
    assert.equal(decision.allowed, false);
    assert.equal(decision.layer, 'workflow');
    assert.equal(authorizer.decide('bob', [], OWNER, 'winds', 'jobs').allowed, true);
  });

  it('answers maxLevel and allowedOperations from the same policy', () => {
    const authorizer = dir.authorizer({ site: SITE, user: `grants:\n  bob: [READ, stop]\n  'role:ops': [execute]\n` });
    assert.equal(authorizer.maxLevel('bob', [], OWNER, 'clouds'), 'execute');
    assert.ok(authorizer.allowedOperations('bob', [], OWNER, 'clouds').includes('stop'));
    assert.ok(!authorizer.allowedOperations('bob', [], OWNER, 'clouds').includes('hold'));
    assert.equal(authorizer.maxLevel(OWNER, [], OWNER, 'clouds'), 'write');
    assert.equal(authorizer.maxLevel('carol', [], OWNER, 'clouds'), 'read');
    const nobody = dir.authorizer({ site: SITE, user: `grants:\n  '*': []\n` });
    assert.equal(nobody.maxLevel('carol', [], OWNER, 'clouds'), undefined);
  });
});
