import assert from 'node:assert/strict';
import { entryHash, GENESIS_HASH, type AuditRecord, type ChainEntry } from '@isobar/authz';
import { roleLookupFailure, type RoleLookup, type RoleProvider } from '@isobar/core';
import { centralRecordOf } from '../src/audit-store';
import { RoleCache } from '../src/role-cache';
import { csrfOf } from './helpers/browser';
import { JACINTAR, ROOTA, Site } from './helpers/site';

const ROLES = '/services/isobar/api/roles';
const AUDIT = '/services/isobar/api/audit';

/** A provider that counts its lookups; `down` makes it fail as a directory that cannot be reached. */
class CountingProvider implements RoleProvider {
  calls = 0;
  down = false;
  constructor(
    readonly name: string,
    private readonly table: Record<string, string[]>,
  ) {}
  rolesOf(person: string): Promise<RoleLookup> {
    this.calls++;
    if (this.down) return Promise.resolve(roleLookupFailure('LDAP unreachable: connect ECONNREFUSED 127.0.0.1:3389'));
    return Promise.resolve({ roles: this.table[person] ?? [] });
  }
}

function withToken(token: string, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...(init.headers as Record<string, string> | undefined), Authorization: `token ${token}` } };
}

/** A chain of `owner`'s records as a UI server writes it. */
function chainOf(records: AuditRecord[]): { chain: string; entries: ChainEntry[] } {
  const entries: ChainEntry[] = [];
  let prev = GENESIS_HASH;
  records.forEach((record, i) => {
    const hash = entryHash(prev, i + 1, record);
    entries.push({ seq: i + 1, prev, hash, record });
    prev = hash;
  });
  return { chain: entries[0]?.hash ?? '', entries };
}

function action(person: string, owner: string, workflow: string, second: number, operation = 'stop'): AuditRecord {
  return {
    time: new Date(Date.UTC(2026, 10, 26, 10, 0, second)).toISOString(),
    person,
    operation,
    target: { owner, workflow },
    level: 'execute',
    result: 'ok',
  };
}

describe('roles for UI servers (GET api/roles)', () => {
  let site: Site;
  let unix: CountingProvider;
  let ldap: CountingProvider;

  beforeEach(async () => {
    unix = new CountingProvider('@isobar/roles-unix', { jacintar: ['group:staff'] });
    ldap = new CountingProvider('@isobar/roles-ldap', { jacintar: ['group:forecasters', 'group:staff'] });
    site = await new Site({}, [unix, ldap]).start();
  });
  afterEach(async () => {
    await site.stop();
  });

  it('answers any UI server about any person, from every provider, and caches per person', async () => {
    const token = site.hub.serverToken('atmosphere_stage');
    const response = await fetch(`${site.origin}${ROLES}?person=jacintar`, withToken(token));
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { person: 'jacintar', roles: ['group:staff', 'group:forecasters'], errors: [] });
    const other = site.hub.serverToken('alice');
    const again = await fetch(`${site.origin}${ROLES}?person=jacintar`, withToken(other));
    assert.deepEqual(((await again.json()) as { roles: string[] }).roles, ['group:staff', 'group:forecasters']);
    assert.equal(unix.calls, 1, 'the second answer came from the cache');
    assert.deepEqual(await (await fetch(`${site.origin}${ROLES}?person=bob`, withToken(token))).json(), {
      person: 'bob',
      roles: [],
      errors: [],
    });
  });

  it('says which provider failed, with the roles of the others', async () => {
    ldap.down = true;
    const token = site.hub.serverToken('alice');
    const body = (await (await fetch(`${site.origin}${ROLES}?person=jacintar`, withToken(token))).json()) as Record<string, unknown>;
    assert.deepEqual(body['roles'], ['group:staff']);
    assert.deepEqual(body['errors'], ['@isobar/roles-ldap: LDAP unreachable: connect ECONNREFUSED 127.0.0.1:3389']);
  });

  it('needs a user’s or server’s hub token: none, an unknown one, a service’s or a browser cookie is refused', async () => {
    assert.equal((await fetch(`${site.origin}${ROLES}?person=jacintar`)).status, 401);
    assert.equal((await fetch(`${site.origin}${ROLES}?person=jacintar`, withToken('made-up'))).status, 401);
    assert.equal((await fetch(`${site.origin}${ROLES}?person=jacintar`, withToken(site.hub.serviceToken))).status, 403);
    const { browser } = await site.signedIn(JACINTAR.name);
    assert.equal((await browser.request(`${ROLES}?person=jacintar`)).status, 401);
    assert.equal(unix.calls, 0);
  });

  it('refuses a missing or malformed person', async () => {
    const token = site.hub.serverToken('alice');
    for (const query of ['', '?person=', '?person=a%20b', '?person=x&person=y', '?person=*']) {
      assert.equal((await fetch(`${site.origin}${ROLES}${query}`, withToken(token))).status, 400, query);
    }
  });

  it('asks the hub about a token once a minute, not on every call', async () => {
    const token = site.hub.serverToken('alice');
    const before = site.hub.userLookups;
    for (const person of ['a', 'b', 'c']) await fetch(`${site.origin}${ROLES}?person=${person}`, withToken(token));
    assert.equal(site.hub.userLookups - before, 1);
  });
});

describe('RoleCache', () => {
  it('keeps complete answers longer than incomplete ones, and asks once for concurrent callers', async () => {
    let now = 0;
    const provider = new CountingProvider('p', { a: ['group:x'] });
    const cache = new RoleCache({ providers: [provider], ttlMs: 30_000, failureTtlMs: 5_000, now: () => now });
    await Promise.all([cache.rolesOf('a'), cache.rolesOf('a'), cache.rolesOf('a')]);
    assert.equal(provider.calls, 1);
    now = 29_000;
    await cache.rolesOf('a');
    assert.equal(provider.calls, 1);
    now = 31_000;
    provider.down = true;
    assert.deepEqual((await cache.rolesOf('a')).roles, []);
    now = 35_000;
    await cache.rolesOf('a');
    assert.equal(provider.calls, 2, 'a failure is kept for 5 s');
    now = 36_001;
    provider.down = false;
    assert.deepEqual((await cache.rolesOf('a')).roles, ['group:x']);
    assert.equal(provider.calls, 3);
  });
});

describe('the central audit log (api/audit)', () => {
  let site: Site;

  beforeEach(async () => {
    site = await new Site().start();
    site.hub.add({ name: 'alice', password: 'alice-pw' });
  });
  afterEach(async () => {
    await site.stop();
  });

  async function send(owner: string, batch: unknown): Promise<Response> {
    return fetch(
      `${site.origin}${AUDIT}`,
      withToken(site.hub.serverToken(owner), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(batch),
      }),
    );
  }

  async function read(name: string, query = ''): Promise<{ scope: string; records: Array<Record<string, unknown>> }> {
    const { browser } = await site.signedIn(name);
    const response = await browser.request(`${AUDIT}${query}`);
    assert.equal(response.status, 200);
    return (await response.json()) as { scope: string; records: Array<Record<string, unknown>> };
  }

  it('accepts a UI server’s records about its owner’s workflows only, and resending is safe', async () => {
    const batch = chainOf([action('jacintar', 'alice', 'clouds', 1), action('jacintar', 'bob', 'winds', 2)]);
    const response = await send('alice', batch);
    assert.equal(response.status, 200);
    const { results } = (await response.json()) as { results: Array<Record<string, unknown>> };
    assert.deepEqual(results[0], { accepted: true, seq: 1, duplicate: false });
    assert.equal(results[1]?.['accepted'], false);
    assert.equal(results[1]?.['code'], 'wrong-owner');
    const again = (await (await send('alice', { chain: batch.chain, entries: [batch.entries[0]] })).json()) as {
      results: Array<Record<string, unknown>>;
    };
    assert.deepEqual(again.results[0], { accepted: true, seq: 1, duplicate: true });
    // The same records sent with bob's token are refused: the sender, not the record, says whose they are.
    const asBob = (await (await send('bob', batch)).json()) as { results: Array<Record<string, unknown>> };
    assert.equal(asBob.results[0]?.['code'], 'wrong-owner');
  });

  it('needs a UI server’s token and a well-formed batch', async () => {
    const batch = chainOf([action('jacintar', 'alice', 'clouds', 1)]);
    const noToken = await fetch(`${site.origin}${AUDIT}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(batch),
    });
    assert.equal(noToken.status, 401);
    assert.equal((await send('alice', { entries: [] })).status, 400);
    assert.equal((await send('alice', { chain: batch.chain, entries: {} })).status, 400);
  });

  it('shows people their own records, owners everything on their workflows, admins all; with filters', async () => {
    await send('alice', chainOf([action('jacintar', 'alice', 'clouds', 1), action('alice', 'alice', 'winds', 2, 'hold')]));
    await send('bob', chainOf([action('carol', 'bob', 'tides', 3, 'kill')]));

    const jacintar = await read(JACINTAR.name);
    assert.equal(jacintar.scope, 'own');
    assert.deepEqual(
      jacintar.records.map((r) => r['text']),
      ['2026-11-26T10:00:01Z User jacintar stopped alice.clouds workflow'],
    );
    const alice = await read('alice');
    assert.deepEqual(
      alice.records.map((r) => r['text']),
      ['2026-11-26T10:00:02Z User alice held alice.winds workflow', '2026-11-26T10:00:01Z User jacintar stopped alice.clouds workflow'],
    );
    assert.equal(alice.records[0]?.['source'], 'uiserver:alice');
    assert.deepEqual(
      (await read('alice', '?workflow=clouds')).records.map((r) => r['operation']),
      ['stop'],
    );
    assert.deepEqual((await read('alice', '?owner=bob')).records, [], 'a filter never widens what one may see');
    const admin = await read(ROOTA.name);
    assert.equal(admin.scope, 'all');
    assert.equal(admin.records.length, 3);
    assert.deepEqual(
      (await read(ROOTA.name, '?owner=bob')).records.map((r) => r['person']),
      ['carol'],
    );
    assert.deepEqual(
      (await read(ROOTA.name, `?since=${encodeURIComponent('2026-11-26T10:00:02Z')}&limit=1`)).records.map((r) => r['operation']),
      ['kill'],
    );
  });

  it('refuses bad filters and needs a signed-in person', async () => {
    assert.equal((await fetch(`${site.origin}${AUDIT}`)).status, 401);
    const { browser } = await site.signedIn(JACINTAR.name);
    assert.equal((await browser.request(`${AUDIT}?since=yesterday`)).status, 400);
    assert.equal((await browser.request(`${AUDIT}?limit=0`)).status, 400);
    assert.equal((await browser.request(`${AUDIT}?limit=1.5`)).status, 400);
  });

  it('holds the service’s own elevation records: raise, refused attempts, drop', async () => {
    const { browser, html } = await site.signedIn(JACINTAR.name);
    const csrf = csrfOf(html);
    await browser.postForm('/services/isobar/elevate', { csrf, level: 'execute', next: '/user/alice/', password: 'wrong' });
    await browser.postForm('/services/isobar/elevate', { csrf, level: 'execute', next: '/user/alice/', password: JACINTAR.password });
    await browser.postJson('/services/isobar/api/drop', {});
    const records = (await (await browser.request(AUDIT)).json()) as { records: Array<Record<string, unknown>> };
    const texts = records.records.map((r) => String(r['text']).replace(/^\S+ /, ''));
    assert.deepEqual(texts, [
      'User jacintar dropped privileges',
      'User jacintar raised privileges to execute',
      'User jacintar was denied raising privileges to execute (wrong password; from 127.0.0.1)',
    ]);
    assert.ok(records.records.every((r) => r['source'] === 'hub-service' && (r['target'] as Record<string, unknown>)['owner'] === '*'));
  });
});

describe('centralRecordOf', () => {
  const time = '2026-11-26T10:00:00.000Z';
  it('turns lockouts into denied raises and names the revoked person', () => {
    assert.deepEqual(
      centralRecordOf({
        time,
        person: 'eve',
        operation: 'lockout',
        level: 'write',
        result: 'denied',
        reason: 'too many',
        client: '10.0.0.9',
      }),
      {
        time,
        person: 'eve',
        operation: 'raise',
        target: { owner: '*' },
        level: 'write',
        result: 'denied',
        detail: 'locked out: too many; from 10.0.0.9',
      },
    );
    assert.deepEqual(
      centralRecordOf({ time, person: 'roota', operation: 'revoke', target: 'jacintar', level: 'execute', session: 's1', result: 'ok' }),
      {
        time,
        person: 'jacintar',
        operation: 'revoke',
        target: { owner: '*' },
        level: 'execute',
        session: 's1',
        result: 'ok',
        detail: 'by roota',
      },
    );
    assert.equal(centralRecordOf({ time, person: 'roota', operation: 'revoke', target: 'x', result: 'denied' }), undefined);
    assert.equal(centralRecordOf({ time, person: 'x', operation: 'grant', target: 'alice', result: 'denied' }), undefined);
  });
});
