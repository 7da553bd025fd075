import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidCredentialsError, NoSuchObjectError } from 'ldapts';
import type { Entry } from 'ldapts';
import { loadRoleProvider } from '@isobar/core';
import type { RoleLookup, RoleProviderContext } from '@isobar/core';
import createDefault, { createLdapRoleProvider, createRoleProvider } from '../src/index';
import { fakeDirectory } from './fake-directory';

const CONTEXT: RoleProviderContext = { configFile: '/etc/isobar/site.yaml', optionsKey: 'roles.options' };

function errorOf(lookup: RoleLookup): string {
  assert.deepEqual(lookup.roles, []);
  assert.ok('error' in lookup, `expected an error, got ${JSON.stringify(lookup)}`);
  return lookup.error;
}

describe('roles-ldap: provider', () => {
  let dir: string;
  let options: Record<string, unknown>;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobar-ldap-provider-'));
    const passwordFile = join(dir, 'reader.secret');
    writeFileSync(passwordFile, 'reader-pw\n');
    chmodSync(passwordFile, 0o600);
    const caFile = join(dir, 'ca.crt');
    writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    options = {
      url: 'ldap://ldap.example:389',
      bindDN: 'cn=reader,dc=example',
      bindPasswordFile: passwordFile,
      base: 'ou=groups,dc=example',
      tls: { startTLS: true, caFile },
      connectTimeoutMs: 100,
      timeoutMs: 200,
    };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exports the factory as default and createRoleProvider', () => {
    assert.equal(createDefault, createRoleProvider);
    assert.equal(createRoleProvider(options, CONTEXT).name, '@isobar/roles-ldap');
  });

  it('starts TLS, binds, searches with the escaped name and maps the group attribute to roles', async () => {
    const directory = fakeDirectory({
      entries: (filter): Entry[] =>
        filter === '(&(objectClass=posixGroup)(memberUid=jacintar))'
          ? [
              { dn: 'cn=forecasters,ou=groups,dc=example', CN: ['forecasters', 'forecasters'] },
              { dn: 'cn=ops,ou=groups,dc=example', cn: Buffer.from('atmosphere-ops') },
              { dn: 'cn=odd,ou=groups,dc=example' },
            ]
          : [],
    });
    const provider = createLdapRoleProvider(options, CONTEXT, { createClient: directory.factory });
    assert.deepEqual(await provider.rolesOf('jacintar'), { roles: ['group:forecasters', 'group:atmosphere-ops'] });
    assert.deepEqual(
      directory.calls.map((call) => call.op),
      ['startTLS', 'bind', 'search', 'unbind'],
    );
    const [startTLS, bind, search] = directory.calls;
    assert.match(String((startTLS?.args[0] as { ca?: unknown }).ca), /BEGIN CERTIFICATE/);
    assert.equal((startTLS?.args[0] as { rejectUnauthorized?: unknown }).rejectUnauthorized, true);
    assert.deepEqual(bind?.args, ['cn=reader,dc=example', 'reader-pw']);
    assert.equal(search?.args[0], 'ou=groups,dc=example');
    assert.deepEqual((search?.args[1] as { attributes?: unknown }).attributes, ['cn']);
    // TLS options for ldap:// go to startTLS only: ldapts would otherwise open TLS at once.
    assert.deepEqual(directory.clientOptions[0], { url: 'ldap://ldap.example:389', connectTimeout: 100, timeout: 200 });

    const star = await provider.rolesOf('*');
    assert.deepEqual(star, { roles: [] });
    assert.equal((directory.calls.at(-2)?.args[1] as { filter?: unknown }).filter, '(&(objectClass=posixGroup)(memberUid=\\2a))');
  });

  it('uses a configured filter, attribute and prefix, and binds anonymously without bindDN', async () => {
    const directory = fakeDirectory({ entries: () => [{ dn: 'x', ou: ['Ops'] }] });
    const provider = createLdapRoleProvider(
      {
        url: 'ldaps://ldap.example',
        base: 'dc=example',
        filter: '(member=uid={person},ou=people,dc=example)',
        groupAttribute: 'ou',
        prefix: 'ldap:',
      },
      CONTEXT,
      { createClient: directory.factory },
    );
    assert.deepEqual(await provider.rolesOf('bob'), { roles: ['ldap:Ops'] });
    assert.deepEqual(
      directory.calls.map((call) => call.op),
      ['search', 'unbind'],
    );
    assert.deepEqual(directory.clientOptions[0]?.tlsOptions, { rejectUnauthorized: true });
  });

  it('asks nothing for an empty name', async () => {
    const directory = fakeDirectory();
    const provider = createLdapRoleProvider(options, CONTEXT, { createClient: directory.factory });
    assert.deepEqual(await provider.rolesOf(''), { roles: [] });
    assert.equal(directory.calls.length, 0);
  });

  it('turns failures into no roles and a readable error', async () => {
    const cases: [unknown, RegExp][] = [
      [
        Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:389'), { code: 'ECONNREFUSED' }),
        /^LDAP unreachable: ldap:\/\/ldap\.example:389: connect ECONNREFUSED/,
      ],
      [new Error('Connection timeout'), /^LDAP unreachable: .*no connection within the connect timeout$/],
      [new InvalidCredentialsError('Invalid Credentials'), /^LDAP bind refused for cn=reader,dc=example: invalid credentials$/],
      [new NoSuchObjectError(''), /^LDAP error from ldap:\/\/ldap\.example:389: no such object \(result code 32\)$/],
      [new Error('SearchRequest: Operation timed out'), /^LDAP timed out: .*Operation timed out$/],
      [new Error('self-signed certificate in certificate chain'), /^LDAP TLS failed: .*self-signed certificate/],
      ['weird', /^LDAP error from ldap:\/\/ldap\.example:389: weird$/],
    ];
    for (const [failure, pattern] of cases) {
      const op = failure instanceof InvalidCredentialsError ? 'bind' : 'search';
      const directory = fakeDirectory({ failOn: { [op]: failure } });
      const provider = createLdapRoleProvider(options, CONTEXT, { createClient: directory.factory });
      assert.match(errorOf(await provider.rolesOf('jacintar')), pattern);
      assert.equal(directory.calls.at(-1)?.op, 'unbind', 'the connection is closed after a failure too');
    }
  });

  it('never waits past connect timeout + timeout, whatever the client does', async () => {
    const directory = fakeDirectory({ hangOn: ['startTLS', 'unbind'] });
    const provider = createLdapRoleProvider(options, CONTEXT, { createClient: directory.factory });
    const started = Date.now();
    const error = errorOf(await provider.rolesOf('jacintar'));
    const elapsed = Date.now() - started;
    assert.match(error, /^LDAP timed out: ldap:\/\/ldap\.example:389 gave no answer within 300 ms$/);
    assert.ok(elapsed >= 290 && elapsed < 1000, `answered after ${elapsed} ms`);
  });

  describe('against a server that accepts and never answers', () => {
    let server: Server;
    const sockets: Socket[] = [];

    before(async () => {
      server = createServer((socket) => {
        sockets.push(socket);
        socket.on('error', () => undefined);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    after(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('gives up within timeoutMs with the real client', async () => {
      const { port } = server.address() as AddressInfo;
      const provider = createRoleProvider(
        { url: `ldap://127.0.0.1:${port}`, base: 'dc=x', connectTimeoutMs: 500, timeoutMs: 300 },
        CONTEXT,
      );
      const started = Date.now();
      const error = errorOf(await provider.rolesOf('jacintar'));
      const elapsed = Date.now() - started;
      assert.match(error, /^LDAP timed out: ldap:\/\/127\.0\.0\.1:\d+: SearchRequest: Operation timed out$/);
      assert.ok(elapsed >= 290 && elapsed < 800, `answered after ${elapsed} ms`);
    });

    it('reports a closed port as unreachable at once', async () => {
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const { port } = probe.address() as AddressInfo;
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      const provider = createRoleProvider({ url: `ldap://127.0.0.1:${port}`, base: 'dc=x' }, CONTEXT);
      const started = Date.now();
      assert.match(errorOf(await provider.rolesOf('jacintar')), /^LDAP unreachable: .*ECONNREFUSED/);
      assert.ok(Date.now() - started < 500);
    });
  });

  it('loads through the core loader by short name and package name', async () => {
    for (const name of ['ldap', '@isobar/roles-ldap']) {
      const provider = loadRoleProvider(name, { url: 'ldap://127.0.0.1:1', base: 'dc=x', connectTimeoutMs: 200 }, CONTEXT);
      assert.equal(provider.name, '@isobar/roles-ldap');
      assert.match(errorOf(await provider.rolesOf('jacintar')), /^LDAP unreachable/);
    }
  });
});
