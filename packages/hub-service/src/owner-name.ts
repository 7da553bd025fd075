/**
 * An owner name as a grant audience: a hub user name that can also be a unix
 * account (UI servers run as their owner). Anything else cannot name a UI
 * server, so no grant is made for it.
 */
const OWNER = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;

export function isOwnerName(name: unknown): name is string {
  return typeof name === 'string' && OWNER.test(name);
}
