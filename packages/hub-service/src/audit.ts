import type { ElevationLevel } from './levels';

/**
 * What hub-service records about elevation. The shape follows the issue's
 * audit record (time, person, operation, target, level, session, result) so
 * that the central log can store these next to the UI servers' records.
 */
export type AuditOperation = 'raise' | 'drop' | 'expire' | 'revoke' | 'lockout' | 'grant';

export type AuditResult = 'ok' | 'denied' | 'error';

export interface AuditRecord {
  /** ISO 8601, UTC. */
  readonly time: string;
  /** Who acted (for `revoke`, the admin). */
  readonly person: string;
  readonly operation: AuditOperation;
  /** Whom or what it was done to: the revoked person, or the owner a grant was asked for. */
  readonly target?: string;
  readonly level?: ElevationLevel;
  /** The elevation session concerned. */
  readonly session?: string;
  readonly result: AuditResult;
  /** Why a denial or error happened, in a few words. */
  readonly reason?: string;
  /** The browser's address, for attempts (the rate limiter counts by it too). */
  readonly client?: string;
}

export type AuditSink = (record: AuditRecord) => void;

/** Seconds precision, as in the seed's examples (`2026-11-26T10:00:00Z`). */
function shortTime(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z');
}

function because(record: AuditRecord): string {
  return record.reason ? ` (${record.reason})` : '';
}

function sentence(record: AuditRecord): string {
  const who = `User ${record.person}`;
  const level = record.level ?? 'a higher level';
  switch (record.operation) {
    case 'raise':
      return record.result === 'ok'
        ? `${who} raised privileges to ${level}`
        : `${who} was refused privileges to ${level}${because(record)}`;
    case 'drop':
      return `${who} dropped privileges to read`;
    case 'expire':
      return `${who}'s ${level} privileges expired`;
    case 'revoke':
      return `${who} revoked ${record.target ?? 'someone'}'s ${level} privileges`;
    case 'lockout':
      return `${who} was locked out of raising privileges${because(record)}`;
    case 'grant':
      return record.result === 'ok'
        ? `${who} was granted ${level} on ${record.target ?? '?'}'s server`
        : `${who} was refused a grant for ${record.target ?? '?'}'s server${because(record)}`;
  }
}

/** One line as the audit pages show it: `2026-11-26T10:00:00Z User jacintar raised privileges to execute`. */
export function formatAuditLine(record: AuditRecord): string {
  return `${shortTime(record.time)} ${sentence(record)}`;
}
