/**
 * Whether a scheduler's host (CYLC_WORKFLOW_HOST) is this machine, so that
 * its pid can be checked with `process.kill(pid, 0)`. A pid means nothing on
 * another host, so when the answer is unsure this says `undefined` and the
 * caller skips the pid check rather than ending a healthy connection.
 */
import { lookup } from 'node:dns/promises';
import { hostname, networkInterfaces } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** A resolver that does not answer must not hold up connecting: after this, the answer is "unsure". */
const LOOKUP_TIMEOUT_MS = 1000;

function localAddresses(): Set<string> {
  const addresses = new Set<string>();
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) addresses.add(info.address);
  }
  return addresses;
}

function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address === '::ffff:127.0.0.1';
}

/** true: this machine; false: another one; undefined: the name does not resolve. */
export async function isLocalHost(host: string): Promise<boolean | undefined> {
  const name = host.toLowerCase();
  // Exact names only: a wrong "local" would check some unrelated local pid and end a healthy connection.
  if (name === 'localhost' || name === hostname().toLowerCase()) return true;
  let resolved: { address: string }[] | undefined;
  try {
    resolved = await Promise.race([lookup(host, { all: true }), sleep(LOOKUP_TIMEOUT_MS, undefined, { ref: false })]);
  } catch {
    return undefined;
  }
  if (resolved === undefined) return undefined;
  const mine = localAddresses();
  return resolved.some(({ address }) => isLoopback(address) || mine.has(address));
}
