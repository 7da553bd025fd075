import { verifyChain } from '@isobar/authz';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from '../helpers/browser';
import { launch, launchDocument, type Launched } from '../helpers/child';
import { ALICE, FakeHub } from '../helpers/fake-hub';
import { FakeHubService } from './fake-hub-service';

const SITE = `owners:
  '*':
    '*':
      default: [READ]
      limit: [READ, CONTROL]
    'role:ops':
      default: [READ, CONTROL]
`;

interface Permissions {
  visitor: string;
  level: string;
  elevationExpiresAt?: string;
  operations: Record<string, boolean>;
  roleErrors: string[];
}

describe('uiserver process with authorisation configured', () => {
  let hub: FakeHub;
  let service: FakeHubService;
  let dir: string;
  let server: Launched | undefined;

  before(async () => {
    hub = await new FakeHub().start();
    service = new FakeHubService(hub.apiToken);
    await service.start();
    service.roles.set('jacintar', ['ops']);
  });

  after(async () => {
    await service.close();
    await hub.stop();
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobar-uiserver-authz-'));
    mkdirSync(join(dir, 'home', 'cylc-run'), { recursive: true });
    writeFileSync(join(dir, 'authz.yaml'), SITE);
  });

  afterEach(async () => {
    await server?.kill();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(ownersExempt: boolean): Promise<Launched> {
    const doc = launchDocument(hub, {
      cylcRun: join(dir, 'home', 'cylc-run'),
      grantKeyUrl: service.url('api/grant-key'),
      rolesUrl: service.url('api/roles'),
      auditUrl: service.url('api/audit'),
      authzSiteFile: join(dir, 'authz.yaml'),
      ownersExempt,
    });
    server = await launch(doc, undefined, { ...process.env, HOME: join(dir, 'home') });
    return server;
  }

  it('answers api/permissions from the policy, the grant and the roles, and opens the audit log', async () => {
    const launched = await start(false);
    hub.loginAs = { name: 'jacintar', groups: [], scopes: ['access:servers!user=alice', 'read:users:name!user=jacintar'] };
    try {
      const browser = new Browser(launched.origin, hub.origin);
      await browser.follow('/user/alice/');
      const ask = async (grant?: string): Promise<Permissions> => {
        const response = await browser.request('/user/alice/api/permissions?workflow=~alice/clouds/run1', {
          headers: grant ? { 'X-Isobar-Grant': grant } : {},
        });
        assert.equal(response.status, 200);
        return (await response.json()) as Permissions;
      };
      const readOnly = await ask();
      assert.equal(readOnly.visitor, 'jacintar');
      assert.equal(readOnly.level, 'read');
      assert.equal(readOnly.operations['workflows'], true);
      assert.equal(readOnly.operations['stop'], false);
      assert.deepEqual(readOnly.roleErrors, []);
      const elevated = await ask(await service.grant('jacintar', 'execute'));
      assert.equal(elevated.level, 'execute');
      assert.equal(elevated.operations['stop'], true);
      assert.equal(elevated.operations['broadcast'], false);
      assert.ok(service.roleRequests.some((request) => request.person === 'jacintar'));

      const refused = await browser.request('/user/alice/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation { stop(workflows: ["~alice/*"]) { result } }' }),
      });
      assert.equal(refused.status, 404, 'no workflow here, none visible');
      const log = join(dir, 'home', '.isobar', 'audit', 'alice.log');
      assert.equal(statSync(log).mode & 0o777, 0o600);
      assert.ok((await verifyChain(log)).ok);
    } finally {
      hub.loginAs = ALICE;
    }
  });

  it('offers the owner everything only when owners are exempt', async () => {
    const launched = await start(true);
    const browser = new Browser(launched.origin, hub.origin);
    await browser.follow('/user/alice/');
    const response = await browser.request('/user/alice/api/permissions?workflow=~alice/clouds/run1');
    const permissions = (await response.json()) as Permissions;
    assert.equal(permissions.visitor, 'alice');
    assert.equal(permissions.operations['broadcast'], true);
  });
});
