/**
 * What a recorded websocket message was, read after the measurement (see
 * delta-viewer.ts for why not during it).
 */
export type MessageKind = 'reset' | 'delta' | 'error' | 'complete' | 'other';

export interface ReadMessage {
  readonly kind: MessageKind;
  /** `deltas.id` of a `next` message: the workflow it is about. */
  readonly workflowId: string | undefined;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

export function readMessage(data: Buffer): ReadMessage {
  let message: unknown;
  try {
    message = JSON.parse(data.toString('utf8'));
  } catch {
    return { kind: 'other', workflowId: undefined };
  }
  const type = field(message, 'type');
  if (type === 'error' || type === 'complete') return { kind: type, workflowId: undefined };
  if (type !== 'next') return { kind: 'other', workflowId: undefined };
  const deltas = field(field(field(message, 'payload'), 'data'), 'deltas');
  const id = field(deltas, 'id');
  return { kind: field(deltas, 'reset') === true ? 'reset' : 'delta', workflowId: typeof id === 'string' ? id : undefined };
}
