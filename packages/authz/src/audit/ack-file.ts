/**
 * Where an outbox remembers how far hub-service has acknowledged a chain,
 * next to the chain file. Losing or staling it costs only resending entries
 * the hub already holds (it acknowledges those again as duplicates), so it
 * is written after each acknowledged batch, atomically (write, then rename)
 * but without fsync.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface AckState {
  readonly chain: string;
  readonly seq: number;
}

export function readAck(file: string): AckState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as { chain?: unknown; seq?: unknown };
    if (typeof value.chain !== 'string' || typeof value.seq !== 'number' || !Number.isSafeInteger(value.seq) || value.seq < 0) {
      return undefined;
    }
    return { chain: value.chain, seq: value.seq };
  } catch {
    // A damaged ack file means resending everything, which the hub tolerates.
    return undefined;
  }
}

export function writeAck(file: string, state: AckState): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}
