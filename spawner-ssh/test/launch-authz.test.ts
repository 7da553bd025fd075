import assert from 'node:assert/strict';
import { parseSiteConfig } from '@isobar/core';
import { launchAuthzOf } from '../src/daemon/launch-authz';
import { AUTHZ, makeSpawner } from './fakes';

const HOSTS = 'hosts:\n  - {name: host-a, address: 127.0.0.2}\n';

describe('launch document: authorisation settings', () => {
  it('points UI servers at the hub service on the hub address, with the site defaults', () => {
    const config = parseSiteConfig(HOSTS, 'site.yaml');
    assert.deepEqual(launchAuthzOf(config), {
      grantKeyUrl: 'http://127.0.0.1:8770/services/isobar/api/grant-key',
      rolesUrl: 'http://127.0.0.1:8770/services/isobar/api/roles',
      auditUrl: 'http://127.0.0.1:8770/services/isobar/api/audit',
      authzSiteFile: '/etc/isobar/authz.yaml',
      ownersExempt: false,
    });
  });

  it('follows hubIp, listenPort, the hub base path, authz.siteFile and ownersExempt', () => {
    const config = parseSiteConfig(
      `${HOSTS}hub:\n  publicUrl: https://hub.example.org/jupyter\n  hubIp: 10.1.2.3\nhubService:\n  listenPort: 9100\n` +
        'authz:\n  siteFile: /srv/isobar/authz.yaml\n  ownersExempt: true\n',
      'site.yaml',
    );
    assert.deepEqual(launchAuthzOf(config), {
      grantKeyUrl: 'http://10.1.2.3:9100/jupyter/services/isobar/api/grant-key',
      rolesUrl: 'http://10.1.2.3:9100/jupyter/services/isobar/api/roles',
      auditUrl: 'http://10.1.2.3:9100/jupyter/services/isobar/api/audit',
      authzSiteFile: '/srv/isobar/authz.yaml',
      ownersExempt: true,
    });
  });

  it('brackets an IPv6 hub address', () => {
    const config = parseSiteConfig(`${HOSTS}hub:\n  hubIp: 'fd00::1'\n`, 'site.yaml');
    assert.equal(launchAuthzOf(config).rolesUrl, 'http://[fd00::1]:8770/services/isobar/api/roles');
  });

  it('sends them to every UI server in the launch document', async () => {
    const { exec, spawner } = makeSpawner({});
    await spawner.start({ user: 'alice', server: '', env: { JUPYTERHUB_USER: 'alice' } });
    const launch = JSON.parse(exec.calls[0]?.stdin ?? '{}') as Record<string, unknown>;
    assert.equal(launch['grantKeyUrl'], AUTHZ.grantKeyUrl);
    assert.equal(launch['rolesUrl'], AUTHZ.rolesUrl);
    assert.equal(launch['auditUrl'], AUTHZ.auditUrl);
    assert.equal(launch['authzSiteFile'], AUTHZ.authzSiteFile);
    assert.equal(launch['ownersExempt'], false);
    assert.equal(launch['cylcCommand'], 'cylc');
  });
});
