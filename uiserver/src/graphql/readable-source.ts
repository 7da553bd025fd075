/**
 * The stores as one visitor may see them: a workflow they may not read is
 * not listed, not found by id, and its changes are not theirs to hear of.
 */
import type { SourceWorkflow, WorkflowSource } from './source';

export function readableSource(source: WorkflowSource, mayRead: (workflowId: string) => boolean): WorkflowSource {
  return {
    list: () => source.list().filter((workflow) => mayRead(workflow.id)),
    get: (id: string): SourceWorkflow | undefined => {
      const workflow = source.get(id);
      return workflow !== undefined && mayRead(workflow.id) ? workflow : undefined;
    },
    on: (event, listener) => source.on(event, listener),
    off: (event, listener) => source.off(event, listener),
    graphql: (id, query, variables, authUser) => source.graphql(id, query, variables, authUser),
    rescan: source.rescan === undefined ? undefined : () => source.rescan?.() ?? Promise.resolve(),
  };
}
