import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../src/errors';
import { loadSiteConfig, parseSiteConfig, siteConfigExample, siteConfigExamplePath, siteConfigPath } from '../src/site-config';
import type { SiteConfig } from '../src/site-config';

const FILE = '/etc/isobar/site.yaml';

const MINIMAL = `hosts:
  - name: host-a
    address: 127.0.0.2
`;

/** The lines of the ConfigError that parsing `text` throws. */
function problemsOf(text: string): string[] {
  try {
    parseSiteConfig(text, FILE);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    assert.equal(err.code, 'CONFIG_INVALID');
    assert.equal(err.message.split('\n').length, err.problems.length);
    return err.message.split('\n');
  }
  assert.fail('expected the config to be rejected');
}

describe('site config', () => {
  it('fills in every default from a minimal file', () => {
    const expected: SiteConfig = {
      hub: {
        publicUrl: 'http://127.0.0.1:8000',
        hubIp: '127.0.0.1',
        hubPort: 8081,
        proxyApiPort: 8001,
        stateDir: '/var/lib/isobar',
        pollInterval: 30,
        implicitSpawnSeconds: 1,
        startTimeout: 60,
        httpTimeout: 30,
        admins: [],
        owners: [],
        ownerGroups: [],
      },
      spawner: {
        listenHost: '127.0.0.1',
        listenPort: 8765,
        privateKey: '/var/lib/isobar/.ssh/id_ed25519',
        knownHosts: '/var/lib/isobar/.ssh/known_hosts',
        launcherCommand: '/opt/isobar/spawner-ssh/bin/isobar-launcher',
        maxConnectionsPerHost: 8,
        connectionIdleTimeout: 60,
        connectTimeout: 5,
        launchTimeout: 20,
        stopTimeout: 5,
        hostBackoff: 30,
        metricsUser: 'isobar',
        metricsMaxAge: 5,
      },
      hosts: [{ name: 'host-a', address: '127.0.0.2', port: 22 }],
      selector: { plugin: 'least-loaded', options: {} },
      uiserver: { idleTimeout: 600, keepaliveInterval: 30, cylcCommand: 'cylc' },
      hubService: {
        listenPort: 8770,
        elevation: { execute: 900, write: 900 },
        grantLifetime: 10,
        failedAttempts: { max: 5, window: 300, lockout: 900 },
      },
      authz: { siteFile: '/etc/isobar/authz.yaml', ownersExempt: false },
      roles: [],
    };
    assert.deepEqual(parseSiteConfig(MINIMAL, FILE), expected);
  });

  it('returns a frozen config', () => {
    const config = parseSiteConfig(MINIMAL, FILE);
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.hosts[0]));
    assert.ok(Object.isFrozen(config.selector.options));
  });

  it('treats empty sections as all defaults', () => {
    const config = parseSiteConfig(`hub:\nspawner:\nselector:\n  options:\nuiserver:\n${MINIMAL}`, FILE);
    assert.equal(config.hub.hubPort, 8081);
    assert.deepEqual(config.selector.options, {});
  });

  it('keeps the values given, and passes selector options through untouched', () => {
    const config = parseSiteConfig(
      `hub:
  publicUrl: https://isobar.example.org/
  admins: [jacintar, ops.lead]
  implicitSpawnSeconds: 0.5
selector:
  plugin: ranking
  options:
    filters: ["loadPerCpu < 1"]
    anything: {nested: true}
uiserver:
  idleTimeout: 5
  keepaliveInterval: 1
  cylcCommand: /opt/isobar-cylc/bin/cylc
${MINIMAL}`,
      FILE,
    );
    assert.equal(config.hub.publicUrl, 'https://isobar.example.org/');
    assert.deepEqual(config.hub.admins, ['jacintar', 'ops.lead']);
    assert.equal(config.hub.implicitSpawnSeconds, 0.5);
    assert.deepEqual(config.selector, {
      plugin: 'ranking',
      options: { filters: ['loadPerCpu < 1'], anything: { nested: true } },
    });
    assert.deepEqual(config.uiserver, { idleTimeout: 5, keepaliveInterval: 1, cylcCommand: '/opt/isobar-cylc/bin/cylc' });
  });

  it('refuses a cylc command with arguments', () => {
    assert.throws(
      () => parseSiteConfig(`uiserver:\n  cylcCommand: cylc play\n${MINIMAL}`, FILE),
      /site\.yaml:2:3: uiserver\.cylcCommand: expected a command without spaces or arguments/,
    );
  });

  it('names file, line, column and key of a bad value, with what was found', () => {
    const text = `hosts:
  - name: host-a
    address: 127.0.0.2
  - name: host-b
    address: 127.0.0.3
    port: abc
`;
    assert.deepEqual(problemsOf(text), ['/etc/isobar/site.yaml:6:5: hosts[1].port: expected an integer from 1 to 65535, got "abc"']);
  });

  it('reports unknown keys, suggesting a near one', () => {
    assert.deepEqual(problemsOf(`hub:\n  pubilcUrl: http://x:8000\n${MINIMAL}`), [
      '/etc/isobar/site.yaml:2:3: hub.pubilcUrl: unknown key; did you mean "publicUrl"?',
    ]);
    assert.deepEqual(problemsOf(`${MINIMAL}    colour: blue\n`), [
      '/etc/isobar/site.yaml:4:5: hosts[0].colour: unknown key; known keys: name, address, port',
    ]);
    assert.deepEqual(problemsOf(`${MINIMAL}selectors: {}\n`), [
      '/etc/isobar/site.yaml:4:1: selectors: unknown key; did you mean "selector"?',
    ]);
  });

  it('collects every problem, in file order, one per line', () => {
    const text = `hub:
  hubPort: 0
  stateDir: relative/dir
  admins: alice
spawner:
  maxConnectionsPerHost: 1000
  knownHost: /x
  connectTimeout: -1
hosts:
  - name: Host_A
    address: "not an address"
  - address: 127.0.0.3
uiserver:
  idleTimeout: 60
  keepaliveInterval: 60
`;
    assert.deepEqual(problemsOf(text), [
      '/etc/isobar/site.yaml:2:3: hub.hubPort: expected an integer from 1 to 65535, got 0',
      '/etc/isobar/site.yaml:3:3: hub.stateDir: expected an absolute path, got "relative/dir"',
      '/etc/isobar/site.yaml:4:3: hub.admins: expected a list of user names, got "alice"',
      '/etc/isobar/site.yaml:6:3: spawner.maxConnectionsPerHost: expected an integer from 1 to 256, got 1000',
      '/etc/isobar/site.yaml:7:3: spawner.knownHost: unknown key; did you mean "knownHosts"?',
      '/etc/isobar/site.yaml:8:3: spawner.connectTimeout: expected a number of seconds greater than 0, got -1',
      '/etc/isobar/site.yaml:10:5: hosts[0].name: expected lower-case letters, digits and "-", starting with a letter or digit, got "Host_A"',
      '/etc/isobar/site.yaml:11:5: hosts[0].address: expected a hostname or IP address, got "not an address"',
      '/etc/isobar/site.yaml:12:5: hosts[1].name: is required',
      '/etc/isobar/site.yaml:15:3: uiserver.keepaliveInterval: expected less than uiserver.idleTimeout (60)',
    ]);
  });

  it('reads hubService, authz and roles as written, with defaults for the rest', () => {
    const config = parseSiteConfig(
      `${MINIMAL}hubService:
  listenPort: 9000
  elevation: { execute: 5 }
  failedAttempts: { max: 3 }
authz:
  ownersExempt: true
roles:
  - plugin: unix
  - plugin: ldap
    options: { url: 'ldap://127.0.0.1:3389', base: 'dc=isobar,dc=test' }
`,
      FILE,
    );
    assert.deepEqual(config.hubService, {
      listenPort: 9000,
      elevation: { execute: 5, write: 900 },
      grantLifetime: 10,
      failedAttempts: { max: 3, window: 300, lockout: 900 },
    });
    assert.deepEqual(config.authz, { siteFile: '/etc/isobar/authz.yaml', ownersExempt: true });
    assert.deepEqual(config.roles, [
      { plugin: 'unix', options: {} },
      { plugin: 'ldap', options: { url: 'ldap://127.0.0.1:3389', base: 'dc=isobar,dc=test' } },
    ]);
    assert.ok(Object.isFrozen(config.roles[1]?.options));
  });

  it('treats empty hubService, authz and roles as all defaults', () => {
    const config = parseSiteConfig(`${MINIMAL}hubService:\n  elevation:\n  failedAttempts:\nauthz:\nroles:\n`, FILE);
    assert.equal(config.hubService.elevation.write, 900);
    assert.equal(config.hubService.failedAttempts.lockout, 900);
    assert.equal(config.authz.ownersExempt, false);
    assert.deepEqual(config.roles, []);
  });

  it('checks hubService, authz and roles values, naming file, line and key', () => {
    const text = `${MINIMAL}hubService:
  listenPort: 0
  elevation: { execute: -1, read: 5 }
  grantLifetime: 600
  failedAttempts: { max: 2.5, lockot: 60 }
authz:
  siteFile: authz.yaml
  ownersExempt: 'yes'
  ownerExempt: true
roles:
  - plugin: ''
  - options: { url: x }
  - plugin: unix
    option: {}
  - ldap
`;
    assert.deepEqual(problemsOf(text), [
      '/etc/isobar/site.yaml:5:3: hubService.listenPort: expected an integer from 1 to 65535, got 0',
      '/etc/isobar/site.yaml:6:16: hubService.elevation.execute: expected a number of seconds greater than 0, got -1',
      '/etc/isobar/site.yaml:6:29: hubService.elevation.read: unknown key; known keys: execute, write',
      '/etc/isobar/site.yaml:7:3: hubService.grantLifetime: expected an integer from 1 to 300, got 600',
      '/etc/isobar/site.yaml:8:21: hubService.failedAttempts.max: expected an integer from 1 to 1000, got 2.5',
      '/etc/isobar/site.yaml:8:31: hubService.failedAttempts.lockot: unknown key; did you mean "lockout"?',
      '/etc/isobar/site.yaml:10:3: authz.siteFile: expected an absolute path, got "authz.yaml"',
      '/etc/isobar/site.yaml:11:3: authz.ownersExempt: expected true or false, got "yes"',
      '/etc/isobar/site.yaml:12:3: authz.ownerExempt: unknown key; did you mean "ownersExempt"?',
      '/etc/isobar/site.yaml:14:5: roles[0].plugin: expected a plugin package name or a built-in short name (unix, ldap), got ""',
      '/etc/isobar/site.yaml:15:5: roles[1].plugin: is required',
      '/etc/isobar/site.yaml:17:5: roles[2].option: unknown key; did you mean "options"?',
      '/etc/isobar/site.yaml:18:5: roles[3]: expected a mapping, got "ldap"',
    ]);
    assert.deepEqual(problemsOf(`${MINIMAL}roles: {plugin: unix}\n`), [
      '/etc/isobar/site.yaml:4:1: roles: expected a list of role providers, got a mapping',
    ]);
  });

  it('requires at least one host', () => {
    assert.deepEqual(problemsOf('hub: {}\n'), ['/etc/isobar/site.yaml:1:1: hosts: is required: list at least one host']);
    assert.deepEqual(problemsOf(''), ['/etc/isobar/site.yaml:1:1: hosts: is required: list at least one host']);
    assert.deepEqual(problemsOf('hosts: []\n'), ['/etc/isobar/site.yaml:1:1: hosts: expected at least one host, got an empty list']);
  });

  it('rejects duplicate host names and addresses', () => {
    const text = `hosts:
  - {name: host-a, address: 127.0.0.2}
  - {name: host-a, address: 127.0.0.3}
  - {name: host-c, address: 127.0.0.2, port: 22}
  - {name: host-d, address: 127.0.0.2, port: 2222}
`;
    assert.deepEqual(problemsOf(text), [
      '/etc/isobar/site.yaml:3:6: hosts[1].name: duplicate host name "host-a" (also hosts[0].name)',
      '/etc/isobar/site.yaml:4:20: hosts[2].address: duplicate address "127.0.0.2" port 22 (also hosts[0])',
    ]);
  });

  it('rejects a non-mapping where a section belongs', () => {
    assert.deepEqual(problemsOf(`hub: [1, 2]\n${MINIMAL}`), ['/etc/isobar/site.yaml:1:1: hub: expected a mapping, got a list']);
    assert.deepEqual(problemsOf('- a\n- b\n'), [
      '/etc/isobar/site.yaml:1:1: expected a mapping with hub, spawner, hosts, selector, uiserver, hubService, authz and roles, got a list',
    ]);
    assert.deepEqual(problemsOf(`selector:\n  options: [x]\n${MINIMAL}`), [
      '/etc/isobar/site.yaml:2:3: selector.options: expected a mapping, got a list',
    ]);
  });

  it('gives file:line:col for YAML syntax errors', () => {
    const lines = problemsOf('hosts:\n  - name: host-a\n    address: [127.0.0.2\n');
    assert.equal(lines.length >= 1, true);
    assert.match(lines[0] ?? '', /^\/etc\/isobar\/site\.yaml:\d+:\d+: YAML syntax error: /);
    assert.deepEqual(problemsOf(`hub:\n  hubPort: 1\n  hubPort: 2\n${MINIMAL}`), [
      '/etc/isobar/site.yaml:3:3: YAML syntax error: Map keys must be unique',
    ]);
  });

  it('says clearly when the file is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'isobar-config-'));
    try {
      const missing = join(dir, 'nope.yaml');
      assert.throws(
        () => loadSiteConfig(missing),
        (err: unknown) => err instanceof ConfigError && err.message === `${missing}: cannot read the site config: no such file`,
      );
      assert.throws(() => loadSiteConfig(dir), /it is a directory/);
      const file = join(dir, 'site.yaml');
      writeFileSync(file, MINIMAL);
      assert.equal(loadSiteConfig(file).hosts[0]?.name, 'host-a');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ships an example that loads cleanly', () => {
    const config = loadSiteConfig(siteConfigExamplePath());
    assert.equal(config.hosts.length, 3);
    assert.deepEqual(parseSiteConfig(siteConfigExample(), 'site.example.yaml'), config);
  });
});

describe('site config location', () => {
  it('defaults to /etc/isobar/site.yaml, overridden by ISOBAR_SITE_CONFIG', () => {
    assert.equal(siteConfigPath({}), '/etc/isobar/site.yaml');
    assert.equal(siteConfigPath({ ISOBAR_SITE_CONFIG: '' }), '/etc/isobar/site.yaml');
    assert.equal(siteConfigPath({ ISOBAR_SITE_CONFIG: '/srv/isobar.yaml' }), '/srv/isobar.yaml');
  });
});
