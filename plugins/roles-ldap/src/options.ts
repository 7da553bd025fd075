/**
 * Options of the LDAP role provider, checked at start with every problem
 * named by key (see README.md for the table). Files named in the options
 * (bind password, CA) are read here, so a wrong path stops the service
 * instead of turning every lookup into an error.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { describeValue, pluginOptionsError, readPluginOptions } from '@isobar/core';
import type { RoleProviderContext } from '@isobar/core';
import { filterTemplateProblem } from './filter';
import { OptionReader } from './option-values';
import { readSecretFile } from './secret-file';

export interface LdapTlsOptions {
  /** Upgrade an ldap:// connection with StartTLS before binding. */
  readonly startTLS: boolean;
  readonly rejectUnauthorized: boolean;
  /** PEM text of the CA certificates to trust instead of the system's. */
  readonly ca: string | undefined;
}

export interface LdapRolesOptions {
  readonly url: string;
  /** undefined: bind anonymously. */
  readonly bindDN: string | undefined;
  readonly bindPassword: string | undefined;
  readonly base: string;
  readonly filter: string;
  readonly groupAttribute: string;
  readonly prefix: string;
  readonly tls: LdapTlsOptions;
  readonly connectTimeoutMs: number;
  readonly timeoutMs: number;
  readonly cacheSeconds: number;
  readonly failureCacheSeconds: number;
}

export const DEFAULT_FILTER = '(&(objectClass=posixGroup)(memberUid={person}))';

const KEYS = [
  'url',
  'bindDN',
  'bindPasswordFile',
  'base',
  'filter',
  'groupAttribute',
  'prefix',
  'tls',
  'connectTimeoutMs',
  'timeoutMs',
  'cacheSeconds',
  'failureCacheSeconds',
];
const TLS_KEYS = ['startTLS', 'rejectUnauthorized', 'caFile'];

function readUrl(options: OptionReader): string {
  const url = options.string('url', undefined);
  if (url === undefined) {
    if (!options.has('url')) options.problem('url', 'required: the directory, e.g. ldaps://ldap.example.org');
    return '';
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    options.problem('url', `expected an ldap:// or ldaps:// URL, got ${describeValue(url)}`);
    return url;
  }
  if ((parsed.protocol !== 'ldap:' && parsed.protocol !== 'ldaps:') || parsed.hostname === '') {
    options.problem('url', `expected an ldap:// or ldaps:// URL, got ${describeValue(url)}`);
  } else if ((parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search !== '' || parsed.username !== '') {
    // Base, filter and credentials have their own options; a URL carrying them would be silently half-used.
    options.problem('url', `expected only scheme, host and port (base and filter are options of their own), got ${describeValue(url)}`);
  }
  return url;
}

function readPassword(options: OptionReader, bindDN: string | undefined): string | undefined {
  if (options.has('bindPassword')) return undefined; // reported as an unknown option with its own advice
  const file = options.string('bindPasswordFile', undefined);
  if (bindDN === undefined) {
    if (file !== undefined) options.problem('bindPasswordFile', 'given without bindDN; name the account to bind as');
    return undefined;
  }
  if (file === undefined) {
    if (!options.has('bindPasswordFile')) options.problem('bindPasswordFile', 'required with bindDN: a file holding only the password');
    return undefined;
  }
  if (!isAbsolute(file)) {
    options.problem('bindPasswordFile', `expected an absolute path, got ${describeValue(file)}`);
    return undefined;
  }
  try {
    return readSecretFile(file);
  } catch (err) {
    options.problem('bindPasswordFile', (err as Error).message);
    return undefined;
  }
}

function readTls(options: OptionReader, context: RoleProviderContext, secure: boolean): LdapTlsOptions {
  const raw = options.raw('tls');
  const record = readPluginOptions(raw, { ...context, optionsKey: `${context.optionsKey}.tls` }, TLS_KEYS);
  const tls = new OptionReader(record, 'tls.');
  const startTLS = tls.boolean('startTLS', false);
  if (startTLS && secure) tls.problem('startTLS', 'cannot be used with an ldaps:// URL, which is TLS from the start');
  const rejectUnauthorized = tls.boolean('rejectUnauthorized', true);
  let ca: string | undefined;
  const caFile = tls.string('caFile', undefined);
  if (caFile !== undefined) {
    if (!isAbsolute(caFile)) tls.problem('caFile', `expected an absolute path, got ${describeValue(caFile)}`);
    else {
      try {
        ca = readFileSync(caFile, 'utf8');
        if (!ca.includes('-----BEGIN CERTIFICATE-----')) tls.problem('caFile', `${caFile} holds no PEM certificate`);
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        tls.problem('caFile', `cannot read ${caFile} (${typeof code === 'string' ? code : String(err)})`);
      }
    }
  }
  options.problems.push(...tls.problems);
  return { startTLS, rejectUnauthorized, ca };
}

export function parseLdapRolesOptions(options: unknown, context: RoleProviderContext): LdapRolesOptions {
  if (typeof options === 'object' && options !== null && 'bindPassword' in options) {
    throw pluginOptionsError(context, [
      {
        key: 'bindPassword',
        message: 'not accepted: the site config is no place for a password; put it in a file and name that in bindPasswordFile',
      },
    ]);
  }
  const reader = new OptionReader(readPluginOptions(options, context, KEYS));
  const url = readUrl(reader);
  const bindDN = reader.string('bindDN', undefined);
  const bindPassword = readPassword(reader, bindDN);
  const base = reader.string('base', undefined);
  if (base === undefined && !reader.has('base'))
    reader.problem('base', 'required: where to search for groups, e.g. ou=groups,dc=example,dc=org');
  const filter = reader.string('filter', DEFAULT_FILTER);
  const filterProblem = filterTemplateProblem(filter);
  if (filterProblem !== undefined) reader.problem('filter', filterProblem);
  const groupAttribute = reader.string('groupAttribute', 'cn');
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(groupAttribute))
    reader.problem('groupAttribute', `expected an attribute name, got ${describeValue(groupAttribute)}`);
  const prefix = reader.has('prefix') && reader.raw('prefix') === '' ? '' : reader.string('prefix', 'group:');
  const tls = readTls(reader, context, /^ldaps:/i.test(url));
  const connectTimeoutMs = reader.number('connectTimeoutMs', 3000, 1, 60_000, true);
  const timeoutMs = reader.number('timeoutMs', 5000, 1, 60_000, true);
  const cacheSeconds = reader.number('cacheSeconds', 60, 0, 86_400, false);
  const failureCacheSeconds = reader.number('failureCacheSeconds', 5, 0, 3600, false);
  if (reader.problems.length > 0) throw pluginOptionsError(context, reader.problems);
  return {
    url,
    bindDN,
    bindPassword,
    base: base ?? '',
    filter,
    groupAttribute,
    prefix,
    tls,
    connectTimeoutMs,
    timeoutMs,
    cacheSeconds,
    failureCacheSeconds,
  };
}
