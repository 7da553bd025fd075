/**
 * Running a routed mutation field: forwarded to each target's scheduler
 * (in parallel), answered as Cylc answers, `{ result: [{id, response:
 * [ok, message]}, …] }`, one entry per workflow. A workflow that fails
 * (stopped, unreachable, refused by its scheduler) gets `[false, why]`
 * without failing the others.
 */
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { GraphQLContext } from './context';
import { isRecord } from './json-fields';
import type { RoutedField } from './mutation-routing';
import type { SourceWorkflow } from './source';

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function failure(workflow: SourceWorkflow, message: string): unknown {
  return { id: workflow.id, response: [false, message] };
}

/** The scheduler answers `{<field>: {result: [...]}}`. */
function resultsOf(answer: unknown, workflow: SourceWorkflow): unknown[] {
  if (!isRecord(answer) || !('result' in answer)) return [failure(workflow, 'The scheduler gave no result.')];
  const result = answer['result'];
  return Array.isArray(result) ? result : [result];
}

async function play(context: GraphQLContext, workflow: SourceWorkflow): Promise<unknown> {
  if (context.control === undefined) return failure(workflow, 'Starting workflows is not available on this server.');
  await context.control.play(workflow.name);
  // Not awaited: the answer need not wait for the new scheduler to be connected.
  context.source.rescan?.().catch((err: unknown) => context.log?.warn('rescan after play failed', { error: messageOf(err) }));
  return { id: workflow.id, response: [true, 'Started'] };
}

/** Whether every answer for the workflow says the command was taken; and the scheduler's message when not. */
function outcomeOf(results: readonly unknown[]): { ok: boolean; detail?: string } {
  for (const result of results) {
    const response = isRecord(result) ? result['response'] : undefined;
    if (Array.isArray(response) && response[0] === false) return { ok: false, detail: String(response[1] ?? '') };
  }
  return { ok: true };
}

async function runOn(context: GraphQLContext, field: RoutedField, workflow: SourceWorkflow): Promise<unknown[]> {
  const fields = { visitor: context.visitor, operation: field.operation, workflow: workflow.id };
  const results = await attempt(context, field, workflow, fields);
  const outcome = outcomeOf(results);
  context.access?.recordAction({
    workflowId: workflow.id,
    operation: field.operation,
    result: outcome.ok ? 'ok' : 'failed',
    detail: outcome.detail,
    ...field.task,
  });
  return results;
}

async function attempt(
  context: GraphQLContext,
  field: RoutedField,
  workflow: SourceWorkflow,
  fields: Record<string, string>,
): Promise<unknown[]> {
  try {
    if (field.documentFor === undefined) {
      context.log?.info('mutation', fields);
      return [await play(context, workflow)];
    }
    context.log?.info('mutation forwarded', fields);
    const document = field.documentFor(workflow.id);
    // The scheduler hears of the signed-in visitor, whatever the document or its variables say.
    const forward = () => context.source.graphql(workflow.id, document, field.variables, context.visitor);
    const data = context.schedulerClock ? await context.schedulerClock.time(forward) : await forward();
    return resultsOf(data[field.fieldName], workflow);
  } catch (err) {
    context.log?.warn('mutation failed', { ...fields, error: messageOf(err) });
    return [failure(workflow, messageOf(err))];
  }
}

export async function resolveMutation(_root: unknown, _args: unknown, context: GraphQLContext, info: GraphQLResolveInfo): Promise<unknown> {
  const field = context.routing?.fieldFor(info.fieldNodes[0]);
  // Routing covers every field the operation runs; this would be a bug, and must not forward anything.
  if (field === undefined) throw new GraphQLError(`${info.fieldName} was not routed.`);
  const results = await Promise.all(field.targets.map((workflow) => runOn(context, field, workflow)));
  return { result: results.flat() };
}
