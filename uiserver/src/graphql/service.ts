/**
 * One GraphQL request, from text to answer, for both the HTTP endpoint and
 * the websocket: the cached document, the operation, mutation routing and
 * authorisation, execution against the stores. Answers carry the HTTP status
 * the contract gives them, so the websocket can tell a result from a refusal.
 */
import type { JsonObject } from '@isobar/cylc-client';
import {
  execute,
  getOperationAST,
  type DocumentNode,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Logger } from '../log';
import { refusingActions, type Authorizer, type RequestAccess } from './authorizer';
import { claimedIdentityRefusal } from './claimed-identity';
import { SchedulerClock } from './scheduler-clock';
import { ElementBudget, type GraphQLContext } from './context';
import { DocumentCache, type DocumentCacheLimits, type Prepared } from './document-cache';
import { routeMutations, type MutationRouting } from './mutation-routing';
import { cylcSchema } from './schema';
import { readableSource } from './readable-source';
import type { WorkflowControl, WorkflowSource } from './source';

export interface GraphQLLimits extends DocumentCacheLimits {
  /** Elements one answer may hold in its lists (see ElementBudget). */
  readonly maxElements: number;
}

export const DEFAULT_GRAPHQL_LIMITS: GraphQLLimits = {
  maxDepth: 16,
  maxFields: 2000,
  maxTokens: 20_000,
  maxErrors: 20,
  maxEntries: 500,
  maxCachedChars: 4 * 1024 * 1024,
  maxElements: 250_000,
};

export interface GraphQLServiceOptions {
  readonly source: WorkflowSource;
  readonly authorizer: Authorizer;
  /** Starts stopped workflows for the `play` mutation; without it `play` answers that it is not available. */
  readonly control?: WorkflowControl;
  readonly log?: Logger;
  readonly limits?: Partial<GraphQLLimits>;
}

export interface GraphQLRequest {
  readonly query: string;
  readonly variables?: JsonObject | null;
  readonly operationName?: string | null;
  /** Set when the request named an `auth_user` of its own (see claimed-identity.ts): its actions are refused. */
  readonly claimedIdentity?: string | undefined;
}

export interface GraphQLResponseBody {
  readonly data?: unknown;
  readonly errors?: readonly GraphQLFormattedError[];
}

export interface GraphQLAnswer {
  /** 200, or the refusal's status (400 bad document or variables, 403 not allowed, 404 no such workflow). */
  readonly status: number;
  readonly body: GraphQLResponseBody;
  /** Milliseconds spent waiting for schedulers (mutations only). */
  readonly schedulerMs?: number;
}

export type OperationChoice =
  { readonly ok: true; readonly operation: OperationDefinitionNode } | { readonly ok: false; readonly message: string };

export function refusalAnswer(status: number, message: string): GraphQLAnswer {
  return { status, body: { errors: [{ message }] } };
}

export function formatErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[] {
  return errors.map((error) => error.toJSON());
}

export interface ContextExtras {
  readonly routing?: MutationRouting | undefined;
  readonly schedulerClock?: SchedulerClock | undefined;
  /** Undefined: every workflow is visible. */
  readonly mayRead?: ((workflowId: string) => boolean) | undefined;
  readonly access?: RequestAccess | undefined;
}

export class GraphQLService {
  readonly schema: GraphQLSchema;
  readonly source: WorkflowSource;
  readonly authorizer: Authorizer;
  private readonly documents: DocumentCache;
  private readonly limits: GraphQLLimits;

  constructor(private readonly options: GraphQLServiceOptions) {
    this.schema = cylcSchema();
    this.source = options.source;
    this.authorizer = options.authorizer;
    this.limits = { ...DEFAULT_GRAPHQL_LIMITS, ...options.limits };
    this.documents = new DocumentCache(this.schema, this.limits);
  }

  /** The parsed, validated document for a text (cached). */
  prepare(query: string): Prepared {
    return this.documents.prepare(query);
  }

  chooseOperation(document: DocumentNode, operationName: string | null | undefined): OperationChoice {
    const operation = getOperationAST(document, operationName ?? undefined);
    if (operation) return { ok: true, operation };
    if (typeof operationName === 'string') return { ok: false, message: `Unknown operation named "${operationName}".` };
    return { ok: false, message: 'Must provide operation name if query contains multiple operations.' };
  }

  /**
   * A fresh context: each execution has its own element budget, and sees
   * only the workflows `mayRead` lets the visitor read.
   */
  context(visitor: string, extras: ContextExtras = {}): GraphQLContext {
    const { routing, schedulerClock, mayRead, access } = extras;
    return {
      source: mayRead === undefined ? this.options.source : readableSource(this.options.source, mayRead),
      visitor,
      access,
      budget: new ElementBudget(this.limits.maxElements),
      routing,
      control: this.options.control,
      log: this.options.log,
      schedulerClock,
    };
  }

  /**
   * `grant`: the grant that came with the request (X-Isobar-Grant, or the
   * websocket message's `extensions.grant`). `refusal`: why the request
   * must not act whatever the policy says (it came from another site); a
   * request that names its own `auth_user` is refused the same way. Its
   * actions are then refused and recorded as denied, its reads answered 403.
   */
  async run(request: GraphQLRequest, visitor: string, grant?: string, refusal?: string): Promise<GraphQLAnswer> {
    const prepared = this.prepare(request.query);
    if (!prepared.ok) return { status: 400, body: { errors: formatErrors(prepared.errors) } };
    const { document } = prepared;
    const choice = this.chooseOperation(document, request.operationName);
    if (!choice.ok) return refusalAnswer(400, choice.message);
    const { operation } = choice;
    if (operation.operation === 'subscription') return refusalAnswer(400, 'Subscriptions are only available over the graphql websocket.');
    const variables = request.variables ?? {};
    // Only an action needs the grant; reads do not depend on it.
    const isMutation = operation.operation === 'mutation';
    const refused = refusal ?? (request.claimedIdentity === undefined ? undefined : claimedIdentityRefusal(request.claimedIdentity));
    if (refused !== undefined && !isMutation) return refusalAnswer(403, `Refused: ${refused}.`);
    const granted: RequestAccess = await this.options.authorizer.access(visitor, isMutation ? grant : undefined);
    const access = refused === undefined ? granted : refusingActions(granted, refused);
    const mayRead = (workflowId: string): boolean => access.mayRead(workflowId);
    let routing: MutationRouting | undefined;
    if (isMutation) {
      const source = readableSource(this.options.source, mayRead);
      const outcome = routeMutations({ schema: this.schema, document, operation, variables, source, access });
      if (outcome.kind === 'invalid') return { status: 400, body: { errors: formatErrors(outcome.errors) } };
      if (outcome.kind === 'refused') return refusalAnswer(outcome.status, outcome.message);
      routing = outcome.routing;
    }
    const clock = new SchedulerClock();
    const result = await execute({
      schema: this.schema,
      document,
      operationName: operation.name?.value,
      variableValues: variables,
      contextValue: this.context(visitor, { routing, schedulerClock: clock, mayRead, access }),
    });
    // Without `data` nothing ran: a request error such as a bad variable.
    if (!('data' in result)) return { status: 400, body: { errors: formatErrors(result.errors ?? []) } };
    const body = result.errors ? { data: result.data, errors: formatErrors(result.errors) } : { data: result.data };
    return { status: 200, body, schedulerMs: clock.waited };
  }
}
