import { nodeHttpFetch } from '@isobar/hub-client';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RolesClient } from '../../src/authz/roles';

/** A stand-in for hub-service's api/roles that counts questions and answers what the test sets. */
describe('RolesClient', () => {
  let server: Server;
  let url: string;
  let asked = 0;
  let answer: { roles: string[]; errors: string[] } = { roles: [], errors: [] };
  let now = 0;

  before(async () => {
    server = createServer((_req, res) => {
      asked++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ person: 'bob', ...answer }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/isobar/api/roles`;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    asked = 0;
    now = 0;
  });

  const client = (): RolesClient =>
    new RolesClient({ url, token: 't', fetch: nodeHttpFetch, ttlMs: 60_000, failureTtlMs: 5_000, clock: () => now });

  it('keeps a full answer for the TTL', async () => {
    answer = { roles: ['ops'], errors: [] };
    const roles = client();
    assert.deepEqual((await roles.rolesOf('bob')).roles, ['ops']);
    now = 30_000;
    await roles.rolesOf('bob');
    assert.equal(asked, 1);
  });

  it('asks again soon after an answer in which a role provider failed, so a directory that is back counts quickly', async () => {
    answer = { roles: [], errors: ['ldap: connect ECONNREFUSED 127.0.0.1:3389'] };
    const roles = client();
    assert.deepEqual((await roles.rolesOf('bob')).errors, answer.errors);
    answer = { roles: ['atmosphere-ops'], errors: [] };
    now = 4_000;
    assert.deepEqual((await roles.rolesOf('bob')).roles, [], 'still the failed answer');
    now = 5_001;
    assert.deepEqual((await roles.rolesOf('bob')).roles, ['atmosphere-ops']);
    assert.equal(asked, 2);
  });

  it('has no roles, and says why, when hub-service cannot be reached', async () => {
    const roles = new RolesClient({ url: 'http://127.0.0.1:9/api/roles', token: 't', fetch: nodeHttpFetch, clock: () => now });
    const value = await roles.rolesOf('bob');
    assert.deepEqual(value.roles, []);
    assert.match(value.errors[0] ?? '', /roles unavailable/);
  });
});
