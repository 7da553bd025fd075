/**
 * Audit records as people read them, in the seed's wording:
 *
 *   2026-11-26T10:00:00Z User jacintar raised privileges to execute
 *   2026-11-26T10:01:00Z User jacintar stopped atmosphere_stage.clouds.climb.1234 task
 *   2026-11-26T10:02:00Z User bob was denied stop on atmosphere_stage.clouds (read only)
 *
 * Targets read owner.workflow.task.cycle, as in the seed.
 */
import { canonicalOperation } from '../levels';
import type { AuditRecord, AuditTarget } from './record';
import { verbOf } from './verbs';

/** `2026-11-26T10:00:00Z`: whole seconds are enough for a person; the record keeps the milliseconds. */
export function renderTime(time: string): string {
  const parsed = Date.parse(time);
  return Number.isNaN(parsed) ? time : new Date(parsed).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The target's dotted name, without saying what it is: `atmosphere_stage.clouds.climb.1234`. */
export function targetName(target: AuditTarget): string {
  const parts = [target.owner];
  if (target.workflow !== undefined) parts.push(target.workflow);
  if (target.task !== undefined) parts.push(target.task);
  const name = parts.join('.');
  if (target.cycle === undefined) return name;
  return target.task === undefined ? `${name} cycle ${target.cycle}` : `${name}.${target.cycle}`;
}

/** The target as the object of a sentence: `atmosphere_stage.clouds workflow`, `….climb.1234 task`. */
export function targetPhrase(target: AuditTarget): string {
  const name = targetName(target);
  if (target.task !== undefined) return `${name} task`;
  if (target.workflow !== undefined && target.cycle === undefined) return `${name} workflow`;
  return name;
}

function withDetail(sentence: string, detail: string | undefined): string {
  return detail === undefined || detail === '' ? sentence : `${sentence} (${detail})`;
}

function renderElevation(record: AuditRecord, who: string): string | undefined {
  const { level, result, detail } = record;
  switch (record.operation) {
    case 'raise':
      if (result === 'denied') return withDetail(`${who} was denied raising privileges to ${level}`, detail);
      if (result === 'failed') return withDetail(`${who} failed to raise privileges to ${level}`, detail);
      return withDetail(`${who} raised privileges to ${level}`, detail);
    case 'drop':
      return withDetail(`${who} dropped privileges`, detail);
    case 'expire':
      return withDetail(`${who}'s ${level} privileges expired`, detail);
    case 'revoke':
      return withDetail(`${who}'s ${level} privileges were revoked`, detail);
    default:
      return undefined;
  }
}

/**
 * Why a denial happened when the record does not say: a read-only person is
 * the common case (the seed's example), anything else names the level held.
 */
function denialReason(record: AuditRecord): string {
  if (record.detail !== undefined && record.detail !== '') return record.detail;
  return record.level === 'read' ? 'read only' : `not allowed at ${record.level}`;
}

export function renderAudit(record: AuditRecord): string {
  const who = `User ${record.person}`;
  const sentence = renderElevation(record, who) ?? renderAction(record, who);
  return `${renderTime(record.time)} ${sentence}`;
}

function renderAction(record: AuditRecord, who: string): string {
  const operation = canonicalOperation(record.operation) ?? record.operation;
  switch (record.result) {
    case 'denied':
      return `${who} was denied ${operation} on ${targetName(record.target)} (${denialReason(record)})`;
    case 'failed':
      return withDetail(`${who}'s ${operation} on ${targetName(record.target)} failed`, record.detail);
    default:
      return withDetail(`${who} ${verbOf(operation)} ${targetPhrase(record.target)}`, record.detail);
  }
}
