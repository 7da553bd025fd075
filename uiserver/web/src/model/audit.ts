/**
 * The audit trail as people read it, one line per record, in the seed's wording:
 *
 *   2026-11-26T10:00:00Z User jacintar raised privileges to execute
 *   2026-11-26T10:01:00Z User jacintar stopped atmosphere_stage.clouds.climb.1234 task
 *
 * Records come from the hub-service's `api/audit`. A record that carries its
 * own `text` is shown as it is; otherwise the line is made here from the
 * record's fields (UI servers' records target `{owner, workflow, task,
 * cycle}`; the hub-service's own elevation records name a person or owner).
 */
// The audit's one verb table, shared with the server side (plain data, no Node dependencies).
import { verbOf } from '@isobar/authz/dist/src/audit/verbs';
import { HUB_SERVICE_PATH } from './elevation';

export const AUDIT_FILTER_KEYS = ['person', 'owner', 'workflow', 'since'] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];

/** Records of a person, of an owner's workflows, of a workflow (by name), at or after `since` (ISO 8601). */
export type AuditFilter = { readonly [K in AuditFilterKey]?: string };

export const AUDIT_LIMIT = 200;

/** Only the known keys with a non-empty value, trimmed. */
export function cleanFilter(filter: { readonly [K in AuditFilterKey]?: string | undefined }): AuditFilter {
  const clean: { [K in AuditFilterKey]?: string } = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filter[key]?.trim();
    if (value) clean[key] = value;
  }
  return clean;
}

/** `/services/isobar/api/audit?limit=200&person=…`. */
export function auditUrl(filter: AuditFilter, limit = AUDIT_LIMIT): string {
  const params = new URLSearchParams({ limit: String(limit) });
  const clean = cleanFilter(filter);
  for (const key of AUDIT_FILTER_KEYS) {
    const value = clean[key];
    if (value !== undefined) params.set(key, value);
  }
  return `${HUB_SERVICE_PATH}api/audit?${params.toString()}`;
}

/**
 * A time typed in the filter, as ISO 8601 UTC. A `datetime-local` value
 * (`2026-11-26T10:00`) is local time; a value with a zone keeps it.
 * Undefined when it is not a time.
 */
export function sinceParam(value: string): string | undefined {
  const text = value.trim();
  if (!text) return undefined;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}

export interface AuditLine {
  /** Unique in one list, for rendering. */
  readonly key: string;
  readonly text: string;
  readonly time: string;
  readonly person: string;
  readonly operation: string;
  readonly result: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** `2026-11-26T10:00:00Z`: whole seconds, as in the seed. */
export function renderTime(time: string): string {
  const parsed = Date.parse(time);
  return Number.isNaN(parsed) ? time : new Date(parsed).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

interface Target {
  readonly owner?: string;
  readonly workflow?: string;
  readonly task?: string;
  readonly cycle?: string;
}

/** `atmosphere_stage.clouds.climb.1234`: owner.workflow.task.cycle. */
function targetName(target: Target): string {
  const parts = [target.owner ?? '?'];
  if (target.workflow !== undefined) parts.push(target.workflow);
  if (target.task !== undefined) parts.push(target.task);
  const name = parts.join('.');
  if (target.cycle === undefined) return name;
  return target.task === undefined ? `${name} cycle ${target.cycle}` : `${name}.${target.cycle}`;
}

/** The target as the object of a sentence: `… workflow`, `… task`. */
function targetPhrase(target: Target): string {
  const name = targetName(target);
  if (target.task !== undefined) return `${name} task`;
  if (target.workflow !== undefined && target.cycle === undefined) return `${name} workflow`;
  return name;
}

function withDetail(sentence: string, detail: string | undefined): string {
  return detail === undefined ? sentence : `${sentence} (${detail})`;
}

/** The sentence for one record's fields, without the time. */
function sentence(record: Record<string, unknown>): string {
  const who = `User ${text(record.person) ?? '?'}`;
  const operation = (text(record.operation) ?? '?').replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  const result = text(record.result) ?? 'ok';
  const level = text(record.level);
  const detail = text(record.detail) ?? text(record.reason);
  const targetObject = objectOf(record.target);
  const targetText = text(record.target);
  const target: Target = targetObject
    ? {
        owner: text(targetObject.owner),
        workflow: text(targetObject.workflow),
        task: text(targetObject.task),
        cycle: text(targetObject.cycle),
      }
    : { owner: targetText };
  const levelWord = level ?? 'a higher level';
  switch (operation) {
    case 'raise':
      if (result === 'denied') return withDetail(`${who} was denied raising privileges to ${levelWord}`, detail);
      if (result !== 'ok') return withDetail(`${who} failed to raise privileges to ${levelWord}`, detail);
      return withDetail(`${who} raised privileges to ${levelWord}`, detail);
    case 'drop':
      return withDetail(`${who} dropped privileges`, detail);
    case 'expire':
      return withDetail(`${who}'s ${levelWord} privileges expired`, detail);
    case 'revoke':
      // The hub-service names the admin as the person and the revoked person as the target.
      if (targetText !== undefined) {
        return result === 'ok'
          ? withDetail(`${who} revoked ${targetText}'s ${levelWord} privileges`, detail)
          : withDetail(`${who} was denied revoking ${targetText}'s privileges`, detail);
      }
      return withDetail(`${who}'s ${levelWord} privileges were revoked`, detail);
    case 'lockout':
      return withDetail(`${who} was locked out of raising privileges`, detail);
    case 'grant':
      return result === 'ok'
        ? withDetail(`${who} was granted ${levelWord} on ${targetText ?? target.owner ?? '?'}'s server`, detail)
        : withDetail(`${who} was refused a grant for ${targetText ?? target.owner ?? '?'}'s server`, detail);
    default:
      break;
  }
  const name = targetObject ? targetName(target) : (targetText ?? '?');
  if (result === 'denied') {
    const why = detail ?? (level === 'read' || level === undefined ? 'read only' : `not allowed at ${level}`);
    return `${who} was denied ${operation} on ${name} (${why})`;
  }
  if (result !== 'ok') return withDetail(`${who}'s ${operation} on ${name} failed`, detail);
  const verb = verbOf(operation);
  return withDetail(`${who} ${verb} ${targetObject ? targetPhrase(target) : name}`, detail);
}

/** One record's line: its own `text` when it has one, else made from its fields. */
export function renderAuditRecord(record: Record<string, unknown>): string {
  const own = text(record.text);
  if (own !== undefined) return own;
  const time = text(record.time);
  return time === undefined ? sentence(record) : `${renderTime(time)} ${sentence(record)}`;
}

/** The records of an answer: an array, or `{records}` / `{entries}`; each a record or `{record, text?}`. */
function itemsOf(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  const obj = objectOf(body);
  if (!obj) return undefined;
  for (const key of ['records', 'entries', 'items']) {
    const value = obj[key];
    if (Array.isArray(value)) return value;
  }
  return undefined;
}

/**
 * The lines of an `api/audit` answer, oldest first (as a log reads), or
 * undefined when the answer is not a list of records.
 */
export function parseAuditAnswer(body: unknown): AuditLine[] | undefined {
  const items = itemsOf(body);
  if (!items) return undefined;
  const lines: AuditLine[] = [];
  items.forEach((item, index) => {
    const outer = objectOf(item);
    if (!outer) return;
    const inner = objectOf(outer.record);
    // A stored record wraps the record; its own `text` (either level) wins.
    const record = inner ? { ...inner, text: text(outer.text) ?? inner.text } : outer;
    const time = text(record.time) ?? '';
    lines.push({
      key: `${index}:${time}`,
      text: renderAuditRecord(record),
      time,
      person: text(record.person) ?? '',
      operation: text(record.operation) ?? '',
      result: text(record.result) ?? 'ok',
    });
  });
  const at = (line: AuditLine): number => {
    const parsed = Date.parse(line.time);
    return Number.isNaN(parsed) ? 0 : parsed;
  };
  // Array.prototype.sort is stable: records of the same second keep the server's order.
  return lines.sort((a, b) => at(a) - at(b));
}
