import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { checkLiveness, isLocalHost, processExists, schedulerInstance } from '../src';
import { writeContact } from './fake-channels';
import { useTmpDir } from './tmpdir';

describe('scheduler liveness', () => {
  const tmp = useTmpDir();

  it('tells this host from others, and says so when it cannot tell', async () => {
    assert.equal(await isLocalHost('localhost'), true);
    assert.equal(await isLocalHost(hostname()), true);
    assert.equal(await isLocalHost('127.0.0.1'), true);
    assert.equal(await isLocalHost('192.0.2.1'), false); // TEST-NET-1: never this machine
    assert.equal(await isLocalHost('no-such-host.invalid'), undefined);
  });

  it('knows a process that exists (even one it may not signal) from one that is gone', () => {
    assert.equal(processExists(process.pid), true);
    assert.equal(processExists(1), true); // init: EPERM for a non-root user, still alive
    assert.equal(processExists(spawnSync(process.execPath, ['-e', '']).pid), false);
  });

  it('checks the contact file names the same scheduler, and its pid when local', async () => {
    const contact = await writeContact(tmp(), { uuid: 'u1' });
    assert.deepEqual(await checkLiveness(tmp(), contact, true), { alive: true });
    const dead = await writeContact(tmp(), { uuid: 'u1', pid: spawnSync(process.execPath, ['-e', '']).pid });
    assert.deepEqual(await checkLiveness(tmp(), dead, true), { alive: false, reason: `scheduler process ${dead.pid} is gone` });
    assert.deepEqual(await checkLiveness(tmp(), dead, undefined), { alive: true });
    const restarted = await writeContact(tmp(), { uuid: 'u1', pid: process.ppid });
    assert.deepEqual(await checkLiveness(tmp(), dead, undefined), {
      alive: false,
      reason: `another scheduler is running (${schedulerInstance(restarted)})`,
    });
    await rm(join(tmp(), '.service', 'contact'));
    assert.deepEqual(await checkLiveness(tmp(), restarted, true), {
      alive: false,
      reason: 'contact file removed: the scheduler has stopped',
    });
  });
});
