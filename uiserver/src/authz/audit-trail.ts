/**
 * The owner's audit trail: every action and every refused attempt on their
 * workflows, appended hash-chained to `~/.isobar/audit/<owner>.log` (0600,
 * in a 0700 directory) and sent to hub-service's central log by the
 * outbox, which queues and resends while hub-service is down.
 */
import type { HubFetch } from '@isobar/hub-client';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log';
import { isRecord, requestJson } from './hub-service-http';
import { AuditChain, AuditOutbox, renderAudit, type AcceptResult, type AuditRecord, type SendBatch } from './lib';

export interface AuditTrailOptions {
  readonly owner: string;
  /** The owner's home: the log goes to `<home>/.isobar/audit/<owner>.log`. */
  readonly home: string;
  /** hub-service's `api/audit`; undefined: the chain is written and nothing is sent. */
  readonly url: string | undefined;
  readonly token: string;
  readonly fetch: HubFetch;
  readonly log?: Logger;
  /** How often the outbox tries when idle (default 5 s). */
  readonly intervalMs?: number;
  /** How long the outbox waits before resending after hub-service failed (default 1 s doubling to 60 s). */
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number };
  /** Test setting: skip fdatasync. */
  readonly fsync?: 'always' | 'never';
}

export function auditFile(home: string, owner: string): string {
  return join(home, '.isobar', 'audit', `${owner}.log`);
}

export class AuditTrail {
  readonly file: string;
  private readonly outbox: AuditOutbox;
  private readonly chain: AuditChain;

  private constructor(
    private readonly options: AuditTrailOptions,
    chain: AuditChain,
  ) {
    this.chain = chain;
    this.file = chain.file;
    this.outbox = new AuditOutbox({
      chain,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      onRefused: (entry, refusal) =>
        options.log?.warn('hub-service refused an audit record', { seq: entry.seq, code: refusal.code, reason: refusal.reason }),
    });
  }

  /** Opens (creating) the owner's chain; throws when it cannot be written or is broken. */
  static open(options: AuditTrailOptions): AuditTrail {
    const file = auditFile(options.home, options.owner);
    const dir = join(file, '..');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if ((statSync(dir).mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
    return new AuditTrail(options, AuditChain.open(file, { fsync: options.fsync ?? 'always' }));
  }

  /** Sends in the background until `stop`. */
  start(): void {
    const url = this.options.url;
    if (url === undefined) {
      this.options.log?.warn('no auditUrl: audit records stay in the local chain only');
      return;
    }
    this.outbox.start(this.sender(url), this.options.intervalMs ?? 5_000);
  }

  /** Appends the record (durably) and queues it for hub-service. */
  record(record: AuditRecord): void {
    const entry = this.outbox.record(record);
    this.options.log?.info('audit', { seq: entry.seq, line: renderAudit(record) });
  }

  /** Entries hub-service has not acknowledged yet. */
  get pending(): number {
    return this.outbox.pending;
  }

  async stop(): Promise<void> {
    await this.outbox.stop();
    this.chain.close();
  }

  private sender(url: string): SendBatch {
    return async (batch) => {
      const body = await requestJson(this.options.fetch, url, { method: 'POST', token: this.options.token, body: batch });
      const results = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body['results']) ? body['results'] : undefined;
      if (results === undefined) throw new Error('api/audit answered without results');
      return results.filter(isRecord) as unknown as AcceptResult[];
    };
  }
}
