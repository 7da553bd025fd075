/** A scripted stand-in for the LDAP client, recording what the provider asked of it. */
import type { ClientOptions, SearchOptions, SearchResult } from 'ldapts';
import type { ConnectionOptions } from 'node:tls';
import type { DirectoryClient, DirectoryClientFactory } from '../src/directory';

export interface FakeCall {
  readonly op: 'startTLS' | 'bind' | 'search' | 'unbind';
  readonly args: readonly unknown[];
}

export interface FakeDirectory {
  readonly factory: DirectoryClientFactory;
  readonly calls: FakeCall[];
  readonly clientOptions: ClientOptions[];
}

export interface FakeBehaviour {
  /** Entries per filter; anything else finds nothing. */
  readonly entries?: (filter: string) => SearchResult['searchEntries'];
  readonly failOn?: Partial<Record<FakeCall['op'], unknown>>;
  /** Operations that never answer. */
  readonly hangOn?: readonly FakeCall['op'][];
}

export function fakeDirectory(behaviour: FakeBehaviour = {}): FakeDirectory {
  const calls: FakeCall[] = [];
  const clientOptions: ClientOptions[] = [];
  const step = (op: FakeCall['op'], args: unknown[]): Promise<void> => {
    calls.push({ op, args });
    if (behaviour.hangOn?.includes(op)) return new Promise<void>(() => undefined);
    const failure = behaviour.failOn?.[op];
    return failure === undefined ? Promise.resolve() : Promise.reject(failure);
  };
  const factory: DirectoryClientFactory = (options) => {
    clientOptions.push(options);
    const client: DirectoryClient = {
      startTLS: (tls?: ConnectionOptions) => step('startTLS', [tls]),
      bind: (dn: string, password?: string) => step('bind', [dn, password]),
      search: async (base: string, options?: SearchOptions) => {
        await step('search', [base, options]);
        const filter = typeof options?.filter === 'string' ? options.filter : '';
        return { searchEntries: behaviour.entries?.(filter) ?? [], searchReferences: [] };
      },
      unbind: () => step('unbind', []),
    };
    return client;
  };
  return { factory, calls, clientOptions };
}
