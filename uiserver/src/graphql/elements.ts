/** Finding elements for resolvers: in the store of the workflow an ID belongs to, and into lists the budget counts. */
import type { DataElement, ElementType, WorkflowStore } from '@isobar/cylc-client';
import type { GraphQLContext } from './context';
import { workflowIdOf } from './cylc-id';
import { compileNodeFilter, compileWorkflowFilter, type NodeFilterArgs, type NodeKind, type WorkflowFilterArgs } from './filters';
import type { SourceWorkflow } from './source';
import { sortElements } from './sorting';

export function storeOf(context: GraphQLContext, elementId: string | undefined): WorkflowStore | undefined {
  if (elementId === undefined) return undefined;
  return context.source.get(workflowIdOf(elementId))?.store;
}

/** One element by its full ID. */
export function elementById(context: GraphQLContext, type: ElementType, id: unknown): DataElement | undefined {
  if (typeof id !== 'string' || id === '') return undefined;
  return storeOf(context, id)?.elements[type].get(id);
}

/** The elements a list field of an element refers to (a task proxy's `jobs`…), in the referring element's workflow. */
export function elementsByIds(context: GraphQLContext, owner: DataElement, type: ElementType, ids: unknown): DataElement[] {
  if (!Array.isArray(ids) || ids.length === 0) return [];
  const held = storeOf(context, owner.id)?.elements[type];
  if (held === undefined) return [];
  const found: DataElement[] = [];
  for (const id of ids) {
    const element = typeof id === 'string' ? held.get(id) : undefined;
    if (element !== undefined) found.push(element);
  }
  return found;
}

/** Filters, counts and sorts the elements of one list field. */
export function listOf(context: GraphQLContext, elements: Iterable<DataElement>, kind: NodeKind, args: NodeFilterArgs): DataElement[] {
  const keep = compileNodeFilter(kind, args);
  const list: DataElement[] = [];
  for (const element of elements) if (keep === undefined || keep(element)) list.push(element);
  context.budget.charge(list.length);
  return sortElements(list, args.sort);
}

export function matchingWorkflows(context: GraphQLContext, args: WorkflowFilterArgs): SourceWorkflow[] {
  const keep = compileWorkflowFilter(args.workflows, args.exworkflows);
  const all = context.source.list();
  return keep === undefined ? [...all] : all.filter(keep);
}

/** One element type of every matching workflow, one after the other. */
export function* elementsOfWorkflows(workflows: readonly SourceWorkflow[], type: ElementType): Generator<DataElement> {
  for (const workflow of workflows) yield* workflow.store.elements[type].values();
}
