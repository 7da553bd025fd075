/** The GraphQL side of the UI server: `POST graphql` and the `graphql` websocket. */
export { ownerOnlyAuthorizer, type Authorizer } from './authorizer';
export { GRAPHQL_PATH, graphqlHttpHandler, type GraphQLHttpOptions } from './http';
export { DEFAULT_LIVE_LIMITS, type LiveLimits } from './live-limits';
export { LiveUpdates, type LiveStats, type LiveUpdatesOptions } from './live';
export { CloseCode, GRAPHQL_TRANSPORT_WS } from './protocol';
export { cylcSchema } from './schema';
export {
  DEFAULT_GRAPHQL_LIMITS,
  GraphQLService,
  type GraphQLAnswer,
  type GraphQLLimits,
  type GraphQLRequest,
  type GraphQLServiceOptions,
} from './service';
export type { SourceWorkflow, WorkflowChange, WorkflowControl, WorkflowSource, WorkflowStatus } from './source';
