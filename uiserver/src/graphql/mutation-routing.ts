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
import type { Authorizer } from './authorizer';
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
  readonly source: WorkflowSource;
  readonly authorizer: Authorizer;
  readonly visitor: string;
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
  const { schema, document, operation, variables, source, authorizer, visitor } = request;
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
    const refused = found.targets.filter((workflow) => !authorizer.mayAct(visitor, workflow.id, permission));
    if (refused.length > 0) {
      const ids = refused.map((workflow) => workflow.id).join(', ');
      return { kind: 'refused', status: 403, message: `${visitor} may not ${permission} ${ids}.` };
    }
    const forwarded = LOCAL_MUTATIONS.has(fieldName) ? undefined : forwardedMutation(node, operation);
    routed.set(node, {
      fieldName,
      operation: permission,
      targets: found.targets,
      documentFor: forwarded?.documentFor,
      variables: pick(variables, forwarded?.variableNames ?? []),
    });
  }
  return { kind: 'routed', routing: new MutationRouting(routed) };
}
