/**
 * The scheduler's protobuf commands on the request client. Their success
 * reply is raw protobuf bytes, but a failure (unknown command, bad arguments,
 * authorisation) is the usual JSON `{"error": …}`. A reply starting with `{`
 * is JSON: 0x7b as a protobuf tag would be field 15 with the deprecated
 * group wire type, which these messages do not have.
 */
import { ELEMENT_TYPES, decodeElementDeltas, decodeEntireWorkflow, decodeWorkflowDeltas } from './data-messages';
import type { ElementDeltas, ElementType, EntireWorkflow, WorkflowDeltas } from './data-messages';
import { decodeJsonReply } from './message';
import { InvalidReplyError } from './errors';
import type { RequestChannel } from './channels';

/** Returns a protobuf reply's bytes; throws SchedulerError for a JSON error reply. */
export function binaryReply(reply: Buffer): Buffer {
  if (reply[0] !== 0x7b) return reply;
  decodeJsonReply(reply); // throws SchedulerError for {"error": …}
  throw new InvalidReplyError('expected protobuf bytes, got a JSON reply');
}

/** The scheduler's whole data store (`pb_entire_workflow`). */
export async function fetchEntireWorkflow(client: Pick<RequestChannel, 'request'>, authUser: string): Promise<EntireWorkflow> {
  return decodeEntireWorkflow(binaryReply(await client.request('pb_entire_workflow', {}, authUser)));
}

/**
 * All elements of one type (`pb_data_elements`), for resynchronising after a
 * checksum mismatch. The reply is that type's delta message with every
 * element in `added` and no checksum.
 */
export async function fetchDataElements(
  client: Pick<RequestChannel, 'request'>,
  elementType: ElementType,
  authUser: string,
): Promise<ElementDeltas> {
  // Checked before asking: the scheduler answers an unknown type with the workflow element.
  if (!(ELEMENT_TYPES as readonly string[]).includes(elementType))
    throw new TypeError(`unknown element type ${JSON.stringify(elementType)}`);
  return decodeElementDeltas(elementType, binaryReply(await client.request('pb_data_elements', { element_type: elementType }, authUser)));
}

/** The workflow element (`pb_data_elements` with `workflow`). */
export async function fetchWorkflowElement(client: Pick<RequestChannel, 'request'>, authUser: string): Promise<WorkflowDeltas> {
  return decodeWorkflowDeltas(binaryReply(await client.request('pb_data_elements', { element_type: 'workflow' }, authUser)));
}
