/**
 * One audit record: who did (or tried to do) what, to which workflow, at
 * which level, under which elevation, and how it ended. UI servers write
 * them for actions on their owner's workflows; hub-service writes them for
 * elevations, drops, expiries and failed re-authentications.
 */
import { isLevel, type Level } from '../levels';

/**
 * `target.owner` of events that are about no single owner: raising, dropping
 * or losing privileges applies to every owner's workflows at once.
 */
export const ALL_OWNERS = '*';

export interface AuditTarget {
  readonly owner: string;
  readonly workflow?: string;
  readonly task?: string;
  readonly cycle?: string;
}

export const AUDIT_RESULTS = ['ok', 'denied', 'failed'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

export interface AuditRecord {
  /** ISO 8601 UTC, e.g. `2026-11-26T10:00:00.000Z`. */
  readonly time: string;
  readonly person: string;
  /** An operation of the level table (`stop`, `set_outputs`), or an elevation event (`raise`, `drop`, `expire`, …). */
  readonly operation: string;
  readonly target: AuditTarget;
  /** The level the person held when acting; for `raise`, the level raised to. */
  readonly level: Level;
  /** The elevation session, when there was one. */
  readonly session?: string;
  /** The grant presented, when there was one. */
  readonly grant?: string;
  readonly result: AuditResult;
  /** Why it was denied or failed, or what else is worth knowing; shown in parentheses. */
  readonly detail?: string;
}

/** An ISO time for `time`: UTC with milliseconds, which sorts as text. */
export function auditTime(date: Date = new Date()): string {
  return date.toISOString();
}

function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(source: Record<string, unknown>, key: string, where: string, optional: boolean): string | undefined {
  const value = source[key];
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || (value === '' && !optional)) throw new Error(`${where}${key} must be a non-empty string`);
  return value;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

const RECORD_KEYS = new Set(['time', 'person', 'operation', 'target', 'level', 'session', 'grant', 'result', 'detail']);
const TARGET_KEYS = new Set(['owner', 'workflow', 'task', 'cycle']);

function onlyKnownKeys(source: Record<string, unknown>, known: ReadonlySet<string>, where: string): void {
  const unknown = Object.keys(source).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`${where}unknown field ${unknown.map((key) => JSON.stringify(key)).join(', ')}`);
}

/**
 * Checks a record that arrived from elsewhere (a chain file, another
 * process). Unknown fields are refused rather than dropped: a field added to
 * a line must not slip past the hash, which covers the record as checked.
 */
export function parseAuditRecord(value: unknown): AuditRecord {
  if (!isRecordObject(value)) throw new Error('an audit record must be an object');
  onlyKnownKeys(value, RECORD_KEYS, '');
  const time = text(value, 'time', '', false) ?? '';
  if (!ISO_UTC.test(time) || Number.isNaN(Date.parse(time))) throw new Error(`time ${JSON.stringify(time)} is not an ISO 8601 UTC time`);
  const target = value.target;
  if (!isRecordObject(target)) throw new Error('target must be an object');
  onlyKnownKeys(target, TARGET_KEYS, 'target.');
  const level = value.level;
  if (typeof level !== 'string' || !isLevel(level)) throw new Error('level must be read, execute or write');
  const result = value.result;
  if (typeof result !== 'string' || !(AUDIT_RESULTS as readonly string[]).includes(result)) {
    throw new Error('result must be ok, denied or failed');
  }
  return withoutUndefined({
    time,
    person: text(value, 'person', '', false) ?? '',
    operation: text(value, 'operation', '', false) ?? '',
    target: withoutUndefined({
      owner: text(target, 'owner', 'target.', false) ?? '',
      workflow: text(target, 'workflow', 'target.', true),
      task: text(target, 'task', 'target.', true),
      cycle: text(target, 'cycle', 'target.', true),
    }),
    level,
    session: text(value, 'session', '', true),
    grant: text(value, 'grant', '', true),
    result: result as AuditResult,
    detail: text(value, 'detail', '', true),
  });
}

/** Drops keys whose value is undefined, so a record has one JSON form. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}
