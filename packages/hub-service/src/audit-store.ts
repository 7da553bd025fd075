import { ALL_OWNERS, type AuditRecord as StoredRecord, type AuditStore } from '@isobar/authz';
import type { AuditRecord, AuditSink } from './audit';

function detailOf(...parts: (string | undefined)[]): string | undefined {
  const text = parts.filter((part) => part !== undefined && part !== '').join('; ');
  return text === '' ? undefined : text;
}

function fromClient(record: AuditRecord): string | undefined {
  return record.client === undefined ? undefined : `from ${record.client}`;
}

/**
 * One of this service's records in the central log's terms (authz's
 * AuditRecord): elevation events are about every owner's workflows at once
 * (`target.owner` is `*`). Undefined for what is no elevation event (grants
 * given or refused, refused revocations): those stay in the service's log.
 */
export function centralRecordOf(record: AuditRecord): StoredRecord | undefined {
  const base = {
    time: record.time,
    target: { owner: ALL_OWNERS },
    result: record.result === 'error' ? ('failed' as const) : record.result,
    ...(record.session === undefined ? {} : { session: record.session }),
  };
  const withDetail = (detail: string | undefined): { detail?: string } => (detail === undefined ? {} : { detail });
  switch (record.operation) {
    case 'raise':
      return {
        ...base,
        person: record.person,
        operation: 'raise',
        level: record.level ?? 'read',
        ...withDetail(record.result === 'ok' ? undefined : detailOf(record.reason, fromClient(record))),
      };
    case 'lockout':
      // A lockout is what a refused attempt led to: recorded as one more denied raise.
      return {
        ...base,
        person: record.person,
        operation: 'raise',
        level: record.level ?? 'read',
        result: 'denied',
        ...withDetail(detailOf(`locked out: ${record.reason ?? 'too many wrong passwords'}`, fromClient(record))),
      };
    case 'drop':
    case 'expire':
      return { ...base, person: record.person, operation: record.operation, level: record.level ?? 'read' };
    case 'revoke':
      // The central log names whose privileges ended; who ended them is the detail.
      if (record.result !== 'ok' || record.target === undefined) return undefined;
      return { ...base, person: record.target, operation: 'revoke', level: record.level ?? 'read', detail: `by ${record.person}` };
    case 'grant':
      return undefined;
  }
}

/** Writes this service's elevation records into the central audit store, next to the UI servers' records. */
export function auditStoreSink(store: AuditStore): AuditSink {
  return (record) => {
    const central = centralRecordOf(record);
    if (central !== undefined) store.recordOwn(central);
  };
}

/** Every sink gets every record; each is guarded by the caller. */
export function allSinks(...sinks: AuditSink[]): AuditSink {
  return (record) => {
    for (const sink of sinks) sink(record);
  };
}
