/**
 * Decoding of the scheduler's protobuf messages (Cylc's data_messages.proto):
 * `PbEntireWorkflow` (reply to `pb_entire_workflow`) and `AllDeltas` (topic
 * `all`, and the reply to `pb_data_elements`). The schema is the checked-in
 * copy in data-messages-schema.ts.
 *
 * Messages become plain objects that keep field presence (`defaults: false`,
 * `arrays: false`): an `updated` element carries only the fields that changed,
 * so a missing field must stay distinguishable from a zero, false or empty one.
 * Field names are the schema's own snake_case names.
 */
import type * as protobuf from 'protobufjs/light';
import { protobufLight } from './lazy-modules';
import { DATA_MESSAGES_SCHEMA } from './data-messages-schema';
import { InvalidReplyError } from './errors';

/** One element of the data store (workflow, task, task proxy, job, family, family proxy, edge). */
export interface DataElement {
  readonly id?: string;
  readonly stamp?: string;
  readonly [field: string]: unknown;
}

export interface WorkflowElement extends DataElement {
  readonly name?: string;
  readonly owner?: string;
  readonly status?: string;
}

export interface TaskProxyElement extends DataElement {
  readonly name?: string;
  readonly cycle_point?: string;
  readonly state?: string;
  readonly is_held?: boolean;
  readonly is_queued?: boolean;
  readonly is_runahead?: boolean;
  readonly jobs?: readonly string[];
}

export interface JobElement extends DataElement {
  readonly state?: string;
  readonly submit_num?: number;
}

export interface EntireWorkflow {
  readonly workflow?: WorkflowElement;
  readonly tasks?: readonly DataElement[];
  readonly task_proxies?: readonly TaskProxyElement[];
  readonly jobs?: readonly JobElement[];
  readonly families?: readonly DataElement[];
  readonly family_proxies?: readonly DataElement[];
  readonly edges?: readonly DataElement[];
}

/** Deltas of one element type (`FDeltas`, `TPDeltas`, …). */
export interface ElementDeltas<T extends DataElement = DataElement> {
  /** When the scheduler made the delta (seconds since the epoch). */
  readonly time?: number;
  /** The scheduler's checksum of the element IDs after this delta. */
  readonly checksum?: number;
  readonly added?: readonly T[];
  readonly updated?: readonly T[];
  readonly pruned?: readonly string[];
  /** The whole set was replaced (reload): drop what is held first. */
  readonly reloaded?: boolean;
}

/** `WDeltas`: the one workflow element, so `added`/`updated` are single and `pruned` is its ID. */
export interface WorkflowDeltas {
  readonly time?: number;
  readonly added?: WorkflowElement;
  readonly updated?: WorkflowElement;
  readonly pruned?: string;
  readonly reloaded?: boolean;
}

export interface AllDeltas {
  readonly families?: ElementDeltas;
  readonly family_proxies?: ElementDeltas;
  readonly jobs?: ElementDeltas<JobElement>;
  readonly tasks?: ElementDeltas;
  readonly task_proxies?: ElementDeltas<TaskProxyElement>;
  readonly edges?: ElementDeltas;
  readonly workflow?: WorkflowDeltas;
}

/** The element types of AllDeltas; also the `element_type` names `pb_data_elements` accepts. */
export const ELEMENT_TYPES = ['families', 'family_proxies', 'jobs', 'tasks', 'task_proxies', 'edges'] as const;
export type ElementType = (typeof ELEMENT_TYPES)[number];

let root: protobuf.Root | undefined;

/** The schema, built once on first use. */
export function dataMessagesRoot(): protobuf.Root {
  root ??= protobufLight().Root.fromJSON(DATA_MESSAGES_SCHEMA);
  return root;
}

const TO_OBJECT: protobuf.IConversionOptions = {
  // int64 fields are checksums (32-bit adler32 values) and counts: exact as numbers.
  longs: Number,
  enums: String,
  defaults: false,
  arrays: false,
  objects: false,
  oneofs: false,
};

function decode(typeName: string, bytes: Uint8Array): Record<string, unknown> {
  const type = dataMessagesRoot().lookupType(typeName);
  let message: protobuf.Message;
  try {
    message = type.decode(bytes);
  } catch (err) {
    throw new InvalidReplyError(`not a ${typeName} message: ${err instanceof Error ? err.message : String(err)}`);
  }
  return type.toObject(message, TO_OBJECT);
}

/** Decodes the reply to `pb_entire_workflow`. */
export function decodeEntireWorkflow(bytes: Uint8Array): EntireWorkflow {
  // The schema fixes the shape; the interfaces name the fields we rely on.
  return decode('PbEntireWorkflow', bytes) as EntireWorkflow;
}

/** Decodes a published `all` message. */
export function decodeAllDeltas(bytes: Uint8Array): AllDeltas {
  return decode('AllDeltas', bytes) as AllDeltas;
}

/** The per-type delta message of each element type (Cylc's DELTAS_MAP). */
export const DELTA_MESSAGE_TYPES: Readonly<Record<ElementType | 'workflow', string>> = {
  families: 'FDeltas',
  family_proxies: 'FPDeltas',
  jobs: 'JDeltas',
  tasks: 'TDeltas',
  task_proxies: 'TPDeltas',
  edges: 'EDeltas',
  workflow: 'WDeltas',
};

/** Decodes one type's delta message (the reply to `pb_data_elements`: every element in `added`). */
export function decodeElementDeltas(elementType: ElementType, bytes: Uint8Array): ElementDeltas {
  // Callers may pass names from outside (JSON, GraphQL); the typed map does not guard that.
  if (!(ELEMENT_TYPES as readonly string[]).includes(elementType))
    throw new TypeError(`unknown element type ${JSON.stringify(elementType)}`);
  return decode(DELTA_MESSAGE_TYPES[elementType], bytes) as ElementDeltas;
}

export function decodeWorkflowDeltas(bytes: Uint8Array): WorkflowDeltas {
  return decode(DELTA_MESSAGE_TYPES.workflow, bytes) as WorkflowDeltas;
}

/** Encodes a plain object as `typeName` (for tests and fakes; checks it against the schema first). */
export function encodeDataMessage(typeName: string, value: object): Buffer {
  const type = dataMessagesRoot().lookupType(typeName);
  const problem = type.verify(value);
  if (problem !== null) throw new TypeError(`${typeName}: ${problem}`);
  return Buffer.from(type.encode(type.fromObject(value)).finish());
}
