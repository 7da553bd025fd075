/**
 * Before a mutation runs: which workflows each top-level field names (its
 * `workflows` argument, globs matched against the workflows held), and
 * whether the visitor may act on every one of them. Any refusal refuses the
 * whole request, so nothing is forwarded unless everything may be.
 */
import type { JsonObject } from '@isobar/cylc-client';
import {
  GraphQLError,
  getArgumentValues,
  getVariableValues,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { RequestAccess } from './authorizer';
import { parseWorkflowPattern, workflowMatches } from './cylc-id';
import { presentStrings } from './filters';
import { forwardedMutation } from './forwarded-document';
import { rootFields } from './root-fields';
import { toSnakeCase } from './snake-case';
import type { SourceWorkflow, WorkflowSource } from './source';

/** Mutations this server performs itself rather than forwarding. */
export const LOCAL_MUTATIONS: ReadonlySet<string> = new Set(['play']);

export interface RoutedField {
  readonly fieldName: string;
  /** Cylc's permission name ("hold", "set_outputs", "play"). */
  readonly operation: string;
  readonly targets: readonly SourceWorkflow[];
  /** The document for one workflow's scheduler; undefined for local mutations. */
  readonly documentFor: ((workflowId: string) => string) | undefined;
  /** The request's variables this field uses. */
  readonly variables: JsonObject;
  /** The one task the field names (`cycle/task`), for the audit trail; undefined when it names none or several. */
  readonly task?: { readonly cycle?: string; readonly task?: string } | undefined;
}

export class MutationRouting {
  constructor(private readonly byField: ReadonlyMap<FieldNode, RoutedField>) {}

  fieldFor(node: FieldNode | undefined): RoutedField | undefined {
    return node === undefined ? undefined : this.byField.get(node);
  }
}

export type RoutingOutcome =
  | { readonly kind: 'routed'; readonly routing: MutationRouting }
  /** Bad variables or arguments: 400 with graphql's messages. */
  | { readonly kind: 'invalid'; readonly errors: readonly GraphQLError[] }
  | { readonly kind: 'refused'; readonly status: 400 | 403 | 404; readonly message: string };

export interface RoutingRequest {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly variables: JsonObject;
  /** The workflows the visitor may read: the others do not exist for them. */
  readonly source: WorkflowSource;
  readonly access: RequestAccess;
}

type Targets = { readonly targets: SourceWorkflow[] } | { readonly unmatched: string };

function targetsOf(source: WorkflowSource, patterns: readonly string[]): Targets {
  const all = source.list();
  const targets = new Map<string, SourceWorkflow>();
  for (const pattern of patterns) {
    const parsed = parseWorkflowPattern(pattern);
    const matches = all.filter((workflow) => workflowMatches(parsed, workflow));
    if (matches.length === 0) return { unmatched: pattern };
    for (const workflow of matches) targets.set(workflow.id, workflow);
  }
  return { targets: [...targets.values()] };
}

function pick(variables: JsonObject, names: readonly string[]): JsonObject {
  const picked: JsonObject = {};
  for (const name of names) {
    const value = variables[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

export function routeMutations(request: RoutingRequest): RoutingOutcome {
  const { schema, document, operation, variables, source, access } = request;
  const visitor = access.visitor;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors !== undefined) return { kind: 'invalid', errors: coerced.errors };
  const mutationFields = schema.getMutationType()?.getFields() ?? {};
  const routed = new Map<FieldNode, RoutedField>();
  for (const node of rootFields(document, operation, coerced.coerced)) {
    const fieldName = node.name.value;
    const definition = mutationFields[fieldName];
    // `__typename` needs no routing; unknown fields do not pass validation.
    if (definition === undefined) continue;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(definition, node, coerced.coerced);
    } catch (err) {
      if (err instanceof GraphQLError) return { kind: 'invalid', errors: [err] };
      throw err;
    }
    const patterns = presentStrings(args['workflows'] as readonly (string | null)[] | null | undefined);
    if (patterns.length === 0) return { kind: 'refused', status: 400, message: `${fieldName}: name at least one workflow.` };
    const found = targetsOf(source, patterns);
    if ('unmatched' in found) {
      return { kind: 'refused', status: 404, message: `${fieldName}: no workflow here matches ${JSON.stringify(found.unmatched)}.` };
    }
    const permission = toSnakeCase(fieldName);
    const task = oneTask(args);
    const refused: { workflow: SourceWorkflow; reason: string | undefined }[] = [];
    for (const workflow of found.targets) {
      const verdict = access.mayAct(workflow.id, permission);
      if (!verdict.allowed) refused.push({ workflow, reason: verdict.reason });
    }
    if (refused.length > 0) {
      for (const { workflow, reason } of refused) {
        access.recordAction({ workflowId: workflow.id, operation: permission, result: 'denied', detail: reason, ...task });
      }
      const ids = refused.map(({ workflow }) => workflow.id).join(', ');
      const reasons = [...new Set(refused.map(({ reason }) => reason).filter((reason) => reason !== undefined))];
      const why = reasons.length > 0 ? ` (${reasons.join('; ')})` : '';
      return { kind: 'refused', status: 403, message: `${visitor} may not ${permission} ${ids}${why}.` };
    }
    const forwarded = LOCAL_MUTATIONS.has(fieldName) ? undefined : forwardedMutation(node, operation);
    routed.set(node, {
      fieldName,
      operation: permission,
      targets: found.targets,
      documentFor: forwarded?.documentFor,
      variables: pick(variables, forwarded?.variableNames ?? []),
      task,
    });
  }
  return { kind: 'routed', routing: new MutationRouting(routed) };
}

/** `tasks: ["1234/climb"]` → cycle 1234, task climb: the one task an action names, for its audit record. */
function oneTask(args: Record<string, unknown>): { cycle?: string; task?: string } | undefined {
  const tasks = args['tasks'];
  if (!Array.isArray(tasks) || tasks.length !== 1 || typeof tasks[0] !== 'string') return undefined;
  const parts = tasks[0].split('/');
  if (parts.length !== 2 || parts.some((part) => part === '' || /[*?[]/.test(part))) return undefined;
  return { cycle: parts[0], task: parts[1] };
}
