/**
 * A UI server's queue of audit entries on their way to hub-service. Every
 * record is first appended to the chain file, so the file is the queue of
 * record: memory holds only the most recent `maxQueued` entries to send
 * them without reading the file back. When hub-service is down the outbox
 * keeps appending and retries with backoff; when memory overflows, or after
 * a restart, it resends from the file, starting after the last seq the hub
 * acknowledged (kept in the ack file). Nothing written to the chain is lost.
 *
 * An entry the hub refuses (see `RefusalCode`) will be refused again, so it
 * is reported through `onRefused` and not resent; it stays in the chain.
 */
import { readAck, writeAck } from './ack-file';
import { Backoff, type BackoffOptions } from './backoff';
import type { AuditChain } from './chain';
import type { ChainEntry } from './entry';
import type { AuditRecord } from './record';
import type { AcceptResult, ChainBatch } from './store';

/** Delivers a batch to hub-service and returns one result per entry, in order; throws when the hub cannot be reached. */
export type SendBatch = (batch: ChainBatch) => Promise<readonly AcceptResult[]>;

export interface AuditOutboxOptions {
  readonly chain: AuditChain;
  /** Default: the chain file's name with `.ack` added. */
  readonly ackFile?: string;
  /** Entries kept in memory; older ones are read back from the chain file. Default 1000. */
  readonly maxQueued?: number;
  /** Entries per request. Default 100. */
  readonly batchSize?: number;
  readonly backoff?: BackoffOptions;
  readonly onRefused?: (entry: ChainEntry, refusal: Extract<AcceptResult, { accepted: false }>) => void;
}

export interface FlushResult {
  /** Entries the hub acknowledged (stored, already held, or refused for good) in this flush. */
  readonly sent: number;
  /** Entries still waiting. */
  readonly pending: number;
  /** Why the hub could not be reached, when it could not. */
  readonly error?: string;
  /** When it could not: how long to wait before trying again. */
  readonly retryInMs?: number;
}

export class AuditOutbox {
  private readonly chain: AuditChain;
  private readonly ackFile: string;
  private readonly maxQueued: number;
  private readonly batchSize: number;
  private readonly backoff: Backoff;
  private readonly onRefused: AuditOutboxOptions['onRefused'];
  private queue: ChainEntry[] = [];
  private acked: number;
  private inFlight: Promise<FlushResult> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: { send: SendBatch; intervalMs: number } | undefined;
  private retryAt = 0;

  constructor(options: AuditOutboxOptions) {
    this.chain = options.chain;
    this.ackFile = options.ackFile ?? `${options.chain.file}.ack`;
    this.maxQueued = options.maxQueued ?? 1000;
    this.batchSize = options.batchSize ?? 100;
    this.backoff = new Backoff(options.backoff);
    this.onRefused = options.onRefused;
    const state = readAck(this.ackFile);
    // An ack for another chain (the file was started afresh) says nothing about this one.
    this.acked = state !== undefined && state.chain === this.chain.chainId ? Math.min(state.seq, this.chain.head.seq) : 0;
  }

  /** The last seq hub-service acknowledged. */
  get acknowledged(): number {
    return this.acked;
  }

  get pending(): number {
    return this.chain.head.seq - this.acked;
  }

  /** Appends a record to the chain (durably, before returning) and queues it for the hub. */
  record(record: AuditRecord): ChainEntry {
    const entry = this.chain.append(record);
    this.queue.push(entry);
    if (this.queue.length > this.maxQueued) this.queue.shift();
    if (this.running && Date.now() >= this.retryAt) this.schedule(0);
    return entry;
  }

  /** Sends everything not yet acknowledged, batch by batch, until done or the hub fails. One flush at a time. */
  flush(send: SendBatch): Promise<FlushResult> {
    this.inFlight ??= this.drain(send).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Flushes now, then every `intervalMs` and soon after each record; waits out the backoff after a failure. */
  start(send: SendBatch, intervalMs = 5_000): void {
    this.running = { send, intervalMs };
    this.schedule(0);
  }

  /** Stops the background flushing and waits for a flush in progress. */
  async stop(): Promise<void> {
    this.running = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    // The outbox must not keep a stopping UI server alive; what is unsent stays in the chain file.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const running = this.running;
    if (!running) return;
    const result = await this.flush(running.send);
    if (this.running !== running) return;
    this.schedule(result.retryInMs ?? running.intervalMs);
  }

  private async drain(send: SendBatch): Promise<FlushResult> {
    let sent = 0;
    const chainId = this.chain.chainId;
    if (chainId === undefined) return { sent, pending: 0 };
    while (this.acked < this.chain.head.seq) {
      let results: readonly AcceptResult[];
      let batch: ChainEntry[];
      try {
        batch = await this.nextBatch();
        results = await send({ chain: chainId, entries: batch });
      } catch (err) {
        const retryInMs = this.backoff.fail();
        this.retryAt = Date.now() + retryInMs;
        return { sent, pending: this.pending, error: err instanceof Error ? err.message : String(err), retryInMs };
      }
      const before = this.acked;
      this.take(batch, results);
      sent += this.acked - before;
      writeAck(this.ackFile, { chain: chainId, seq: this.acked });
      this.queue = this.queue.filter((entry) => entry.seq > this.acked);
      if (this.acked === before) {
        // The hub answered without acknowledging the first entry: a broken reply, retried like an outage.
        const retryInMs = this.backoff.fail();
        this.retryAt = Date.now() + retryInMs;
        return { sent, pending: this.pending, error: 'hub-service acknowledged nothing', retryInMs };
      }
    }
    this.backoff.succeed();
    this.retryAt = 0;
    return { sent, pending: this.pending };
  }

  /** Acknowledges the batch's entries in order, up to the first without a matching result. */
  private take(batch: readonly ChainEntry[], results: readonly AcceptResult[]): void {
    for (const [index, entry] of batch.entries()) {
      const result = results[index];
      if (result === undefined || (result.seq !== undefined && result.seq !== entry.seq)) return;
      if (!result.accepted) this.onRefused?.(entry, result);
      this.acked = entry.seq;
    }
  }

  private async nextBatch(): Promise<ChainEntry[]> {
    const next = this.acked + 1;
    const first = this.queue.findIndex((entry) => entry.seq === next);
    if (first >= 0) return this.queue.slice(first, first + this.batchSize);
    return this.chain.entriesFrom(next, this.batchSize);
  }
}
