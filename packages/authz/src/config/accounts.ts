/**
 * Owners' accounts: where their home is (their config lives there) and their
 * uid (their config files must belong to them). Read from /etc/passwd, as
 * Node has no getpwnam; a site with accounts elsewhere (LDAP via NSS) passes
 * its own lookup.
 */
import { readFileSync } from 'node:fs';

export interface Account {
  readonly uid: number;
  readonly home: string;
}

export type AccountLookup = (owner: string) => Account | undefined;

/** Parses passwd(5) text: name:password:uid:gid:gecos:home:shell. */
export function parsePasswd(text: string): Map<string, Account> {
  const accounts = new Map<string, Account>();
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    const [name, , uid, , , home] = fields;
    if (fields.length < 7 || name === undefined || uid === undefined || home === undefined) continue;
    const parsedUid = Number(uid);
    if (name !== '' && Number.isInteger(parsedUid) && home !== '') accounts.set(name, { uid: parsedUid, home });
  }
  return accounts;
}

/** Looks owners up in /etc/passwd, read again on each call (accounts are added while servers run). */
export function passwdAccounts(path = '/etc/passwd'): AccountLookup {
  return (owner) => {
    try {
      return parsePasswd(readFileSync(path, 'utf8')).get(owner);
    } catch {
      return undefined;
    }
  };
}
