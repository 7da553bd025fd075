/** One `deltas` subscription of one socket, as the DeltaFeed sees it. */
import type { JsonObject } from '@isobar/cylc-client';
import type { DocumentNode } from 'graphql';
import type { WorkflowIdentity } from './cylc-id';
import type { FeedSubscriber } from './delta-feed';
import type { WorkflowFilter } from './filters';
import type { LiveConnection } from './live-connection';

/** What executing this subscription's document needs. */
export interface SubscriptionExecution {
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variables: JsonObject;
  readonly visitor: string;
}

export class LiveSubscription implements FeedSubscriber {
  readonly synced = new Set<string>();

  constructor(
    private readonly connection: LiveConnection,
    private readonly id: string,
    readonly execution: SubscriptionExecution,
    readonly key: string,
    /** From the `workflows` argument of `deltas`; undefined: all workflows. */
    private readonly filter: WorkflowFilter | undefined,
    /** Whether the visitor may read the workflow now; undefined: every workflow. */
    private readonly mayRead?: (workflowId: string) => boolean,
  ) {}

  wants(workflow: WorkflowIdentity): boolean {
    return (this.filter === undefined || this.filter(workflow)) && (this.mayRead === undefined || this.mayRead(workflow.id));
  }

  deliver(payloadJson: string): boolean {
    return this.connection.sendNext(this.id, payloadJson);
  }
}

/**
 * The sharing key: subscribers with the same document text, variables,
 * operation and visitor class get identical messages.
 */
export function subscriptionKey(query: string, variables: JsonObject, operationName: string | undefined, visitorClass: string): string {
  return [query, JSON.stringify(variables), operationName ?? '', visitorClass].join('\u0000');
}
