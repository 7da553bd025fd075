/**
 * In-memory stand-ins for a scheduler's two sockets, so a WorkflowConnection
 * can be driven event by event: `FakeDeltas` yields what a test pushes,
 * `FakeRequests` answers with what a test's responder returns (protobuf
 * bytes for `pb_*` commands, JSON text for the rest).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ClientClosedError,
  DELTA_MESSAGE_TYPES,
  decodeJsonReply,
  encodeDataMessage,
  parseContact,
  validateGraphQLData,
  type ContactInfo,
  type DeltaChannel,
  type ElementDeltas,
  type ElementType,
  type EntireWorkflow,
  type GraphQLData,
  type JsonObject,
  type RequestChannel,
  type SubscriberEvent,
} from '../src';

export class FakeDeltas implements DeltaChannel {
  closed = false;
  private readonly queue: SubscriberEvent[] = [];
  private wake: (() => void) | undefined;

  push(...events: SubscriberEvent[]): void {
    this.queue.push(...events);
    this.wake?.();
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SubscriberEvent> {
    for (;;) {
      if (this.closed) return;
      const event = this.queue.shift();
      if (event !== undefined) {
        yield event;
        continue;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}

export interface ReceivedRequest {
  readonly command: string;
  readonly args: JsonObject;
  readonly authUser: string;
}

export type FakeResponder = (command: string, args: JsonObject) => Promise<Buffer> | Buffer;

export class FakeRequests implements RequestChannel {
  closed = false;
  readonly received: ReceivedRequest[] = [];

  constructor(private readonly respond: FakeResponder) {}

  async request(command: string, args: JsonObject, authUser: string): Promise<Buffer> {
    if (this.closed) throw new ClientClosedError('fake: closed');
    this.received.push({ command, args, authUser });
    const reply = await this.respond(command, args);
    if (this.closed) throw new ClientClosedError('fake: closed');
    return reply;
  }

  async graphql(query: string, variables: JsonObject, authUser: string): Promise<GraphQLData> {
    return validateGraphQLData(decodeJsonReply(await this.request('graphql', { request_string: query, variables }, authUser)));
  }

  close(): void {
    this.closed = true;
  }

  commands(): string[] {
    return this.received.map((r) => (r.command === 'pb_data_elements' ? `pb_data_elements:${String(r.args['element_type'])}` : r.command));
  }
}

export function entireReply(whole: EntireWorkflow): Buffer {
  return encodeDataMessage('PbEntireWorkflow', whole);
}

export function elementsReply(type: ElementType, deltas: ElementDeltas): Buffer {
  return encodeDataMessage(DELTA_MESSAGE_TYPES[type], deltas);
}

export function errorReply(message: string): Buffer {
  return Buffer.from(JSON.stringify({ error: { message } }));
}

export interface ContactFields {
  readonly uuid: string;
  readonly owner?: string;
  readonly workflowId?: string;
  readonly host?: string;
  readonly pid?: number;
  readonly port?: number;
  readonly publishPort?: number;
}

export function contactText(fields: ContactFields): string {
  const workflowId = fields.workflowId ?? 'w/run1';
  return [
    'CYLC_API=5',
    'CYLC_VERSION=8.0.2',
    `CYLC_WORKFLOW_HOST=${fields.host ?? 'localhost'}`,
    `CYLC_WORKFLOW_ID=${workflowId}`,
    `CYLC_WORKFLOW_OWNER=${fields.owner ?? 'alice'}`,
    `CYLC_WORKFLOW_PID=${fields.pid ?? process.pid}`,
    `CYLC_WORKFLOW_PORT=${fields.port ?? 1}`,
    `CYLC_WORKFLOW_PUBLISH_PORT=${fields.publishPort ?? 2}`,
    `CYLC_WORKFLOW_RUN_DIR_ON_WORKFLOW_HOST=/nowhere/${workflowId}`,
    `CYLC_WORKFLOW_UUID=${fields.uuid}`,
    '',
  ].join('\n');
}

/** Writes `<runDir>/.service/contact` and returns it parsed. */
export async function writeContact(runDir: string, fields: ContactFields): Promise<ContactInfo> {
  const file = join(runDir, '.service', 'contact');
  await mkdir(join(runDir, '.service'), { recursive: true });
  await writeFile(file, contactText(fields));
  return parseContact(contactText(fields), file);
}
