import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@isobar/core';
import type { RoleProviderContext } from '@isobar/core';
import { DEFAULT_FILTER, parseLdapRolesOptions } from '../src/options';

const CONTEXT: RoleProviderContext = { configFile: '/etc/isobar/site.yaml', optionsKey: 'roles.options' };

describe('roles-ldap: options', () => {
  let dir: string;
  let passwordFile: string;
  let caFile: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobar-ldap-options-'));
    passwordFile = join(dir, 'reader.secret');
    writeFileSync(passwordFile, 'pw\n');
    chmodSync(passwordFile, 0o600);
    caFile = join(dir, 'ca.crt');
    writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const minimal = { url: 'ldap://127.0.0.1:3389', base: 'dc=isobar,dc=test' };

  function fails(options: unknown, ...patterns: RegExp[]): void {
    assert.throws(
      () => parseLdapRolesOptions(options, CONTEXT),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
        for (const pattern of patterns) assert.match(err.message, pattern);
        return true;
      },
    );
  }

  it('fills in defaults', () => {
    const options = parseLdapRolesOptions(minimal, CONTEXT);
    assert.deepEqual(options, {
      url: 'ldap://127.0.0.1:3389',
      bindDN: undefined,
      bindPassword: undefined,
      base: 'dc=isobar,dc=test',
      filter: DEFAULT_FILTER,
      groupAttribute: 'cn',
      prefix: 'group:',
      tls: { startTLS: false, rejectUnauthorized: true, ca: undefined },
      connectTimeoutMs: 3000,
      timeoutMs: 5000,
      cacheSeconds: 60,
      failureCacheSeconds: 5,
    });
  });

  it('reads the bind password and the CA from their files', () => {
    const options = parseLdapRolesOptions(
      { ...minimal, url: 'ldap://h', bindDN: 'cn=r,dc=x', bindPasswordFile: passwordFile, tls: { startTLS: true, caFile }, prefix: '' },
      CONTEXT,
    );
    assert.equal(options.bindPassword, 'pw');
    assert.equal(options.prefix, '');
    assert.match(options.tls.ca ?? '', /BEGIN CERTIFICATE/);
    assert.equal(options.tls.startTLS, true);
  });

  it('requires url and base, naming them', () => {
    fails({}, /^\/etc\/isobar\/site\.yaml: roles\.options\.url: required: .*\n\/etc\/isobar\/site\.yaml: roles\.options\.base: required: /);
    fails(undefined, /roles\.options\.url: required/);
  });

  it('takes only ldap:// and ldaps:// URLs of a server', () => {
    fails({ ...minimal, url: 'http://x' }, /roles\.options\.url: expected an ldap:\/\/ or ldaps:\/\/ URL, got "http:\/\/x"/);
    fails({ ...minimal, url: 'not a url' }, /roles\.options\.url: expected an ldap/);
    fails({ ...minimal, url: 'ldap://h/dc=x??sub' }, /roles\.options\.url: expected only scheme, host and port/);
    fails({ ...minimal, url: 5 }, /roles\.options\.url: expected a non-empty string, got 5/);
  });

  it('never takes a password in the config itself', () => {
    fails({ ...minimal, bindDN: 'cn=r,dc=x', bindPassword: 'pw' }, /roles\.options\.bindPassword: not accepted: .*bindPasswordFile/);
  });

  it('wants bindDN and bindPasswordFile together, and a private file', () => {
    fails({ ...minimal, bindDN: 'cn=r,dc=x' }, /roles\.options\.bindPasswordFile: required with bindDN/);
    fails({ ...minimal, bindPasswordFile: passwordFile }, /roles\.options\.bindPasswordFile: given without bindDN/);
    fails({ ...minimal, bindDN: 'cn=r,dc=x', bindPasswordFile: 'secret' }, /bindPasswordFile: expected an absolute path/);
    const open = join(dir, 'open.secret');
    writeFileSync(open, 'pw');
    chmodSync(open, 0o644);
    fails(
      { ...minimal, bindDN: 'cn=r,dc=x', bindPasswordFile: open },
      /roles\.options\.bindPasswordFile: .*open\.secret is accessible to others \(mode 0644\)/,
    );
  });

  it('checks the filter, attribute and numbers', () => {
    fails({ ...minimal, filter: '(memberUid=alice)' }, /roles\.options\.filter: must contain \{person\}/);
    fails({ ...minimal, groupAttribute: 'c n' }, /roles\.options\.groupAttribute: expected an attribute name, got "c n"/);
    fails({ ...minimal, timeoutMs: 0 }, /roles\.options\.timeoutMs: expected an integer from 1 to 60000, got 0/);
    fails({ ...minimal, connectTimeoutMs: 1.5 }, /roles\.options\.connectTimeoutMs: expected an integer from 1 to 60000, got 1\.5/);
    fails({ ...minimal, cacheSeconds: -1 }, /roles\.options\.cacheSeconds: expected a number from 0 to 86400, got -1/);
    fails({ ...minimal, failureCacheSeconds: 'x' }, /roles\.options\.failureCacheSeconds: expected a number/);
    fails({ ...minimal, cacheSecond: 1 }, /roles\.options\.cacheSecond: unknown option; did you mean "cacheSeconds"\?/);
  });

  it('checks the tls block', () => {
    fails(
      { ...minimal, url: 'ldaps://h', tls: { startTLS: true } },
      /roles\.options\.tls\.startTLS: cannot be used with an ldaps:\/\/ URL/,
    );
    fails({ ...minimal, tls: { rejectUnauthorized: 'no' } }, /roles\.options\.tls\.rejectUnauthorized: expected true or false, got "no"/);
    fails({ ...minimal, tls: { caFile: join(dir, 'none.crt') } }, /roles\.options\.tls\.caFile: cannot read .*none\.crt \(ENOENT\)/);
    fails({ ...minimal, tls: { caFile: passwordFile } }, /roles\.options\.tls\.caFile: .* holds no PEM certificate/);
    fails({ ...minimal, tls: { starttls: true } }, /roles\.options\.tls\.starttls: unknown option; did you mean "startTLS"\?/);
    fails({ ...minimal, tls: true }, /roles\.options\.tls: expected a mapping, got true/);
  });
});
