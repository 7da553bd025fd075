import type { Logger } from '@isobar/core';
import { type AuditSink, formatAuditLine } from './audit';

/**
 * Until the central audit store exists, records go to the log: the hub keeps
 * a managed service's stderr, one line per record, readable and greppable.
 */
export function logAuditSink(log: Logger): AuditSink {
  return (record) => {
    log.info(formatAuditLine(record), { ...record });
  };
}
