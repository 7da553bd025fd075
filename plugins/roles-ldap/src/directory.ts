/**
 * One lookup against the directory: connect (StartTLS if asked), bind, search,
 * disconnect. A connection per lookup keeps no state to go stale between
 * lookups (idle disconnects, a rebind after a server restart); the cache in
 * front makes that cheap. The whole exchange has one deadline, so a server
 * that accepts the connection and then says nothing cannot hold a person up.
 */
import { Client } from 'ldapts';
import type { ClientOptions, SearchOptions, SearchResult } from 'ldapts';
import type { ConnectionOptions } from 'node:tls';
import { buildFilter } from './filter';
import type { LdapRolesOptions } from './options';

/** What a lookup needs of an LDAP client; ldapts' Client, or a fake in tests. */
export interface DirectoryClient {
  startTLS(options?: ConnectionOptions): Promise<void>;
  bind(dn: string, password?: string): Promise<void>;
  search(base: string, options?: SearchOptions): Promise<SearchResult>;
  unbind(): Promise<void>;
}

export type DirectoryClientFactory = (options: ClientOptions) => DirectoryClient;

export const ldaptsClient: DirectoryClientFactory = (options) => new Client(options);

/** Thrown when the deadline passes first. */
export class DeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

function tlsOptions(options: LdapRolesOptions): ConnectionOptions {
  return {
    rejectUnauthorized: options.tls.rejectUnauthorized,
    ...(options.tls.ca === undefined ? {} : { ca: options.tls.ca }),
  };
}

/** Values of `attribute` in an entry, matching the name case-insensitively as LDAP does. */
function valuesOf(entry: SearchResult['searchEntries'][number], attribute: string): string[] {
  const wanted = attribute.toLowerCase();
  for (const [name, value] of Object.entries(entry)) {
    if (name.toLowerCase() !== wanted) continue;
    const list = Array.isArray(value) ? value : [value];
    return list.map((item) => (Buffer.isBuffer(item) ? item.toString('utf8') : item));
  }
  return [];
}

async function exchange(client: DirectoryClient, options: LdapRolesOptions, person: string): Promise<string[]> {
  if (options.tls.startTLS) await client.startTLS(tlsOptions(options));
  if (options.bindDN !== undefined) await client.bind(options.bindDN, options.bindPassword);
  const result = await client.search(options.base, {
    scope: 'sub',
    filter: buildFilter(options.filter, person),
    attributes: [options.groupAttribute],
    timeLimit: Math.max(1, Math.ceil(options.timeoutMs / 1000)),
  });
  const names: string[] = [];
  for (const entry of result.searchEntries) {
    for (const name of valuesOf(entry, options.groupAttribute)) if (name !== '' && !names.includes(name)) names.push(name);
  }
  return names;
}

/** The names of the person's groups (values of groupAttribute), or a rejection. */
export async function searchGroupNames(
  options: LdapRolesOptions,
  person: string,
  createClient: DirectoryClientFactory = ldaptsClient,
): Promise<string[]> {
  const client = createClient({
    url: options.url,
    connectTimeout: options.connectTimeoutMs,
    timeout: options.timeoutMs,
    // ldapts takes any tlsOptions as "connect with TLS": for ldap:// they go to startTLS instead.
    ...(/^ldaps:/i.test(options.url) ? { tlsOptions: tlsOptions(options) } : {}),
  });
  const deadlineMs = options.connectTimeoutMs + options.timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(deadlineMs)), deadlineMs);
  });
  try {
    return await Promise.race([exchange(client, options, person), deadline]);
  } finally {
    clearTimeout(timer);
    // Closing must not delay the answer nor fail it: the socket is torn down either way.
    client.unbind().catch(() => undefined);
  }
}
