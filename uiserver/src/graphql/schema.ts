/**
 * The executable schema: the SDL with its resolvers attached. Built once
 * per process; nothing per request.
 */
import { buildSchema, isObjectType, isUnionType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { DataElement } from '@isobar/cylc-client';
import type { GraphQLContext } from './context';
import { DELTA_RESOLVERS } from './delta-resolvers';
import { plainFieldResolver } from './field-defaults';
import { resolveMutation } from './mutation-resolvers';
import { NODE_RESOLVERS, resolveNodeType } from './node-resolvers';
import type { FieldResolver, ResolverMap } from './resolver-map';
import { makeCylcStringScalars } from './scalars';
import { SCHEMA_SDL } from './sdl';
import type { SourceWorkflow } from './source';
import { QUERY_RESOLVERS, WORKFLOW_RESOLVERS, workflowFields } from './workflow-resolvers';

type Fields = Readonly<Record<string, unknown>>;
type AnySourceResolver = GraphQLFieldResolver<unknown, GraphQLContext>;

const RESOLVERS: readonly ResolverMap[] = [QUERY_RESOLVERS, WORKFLOW_RESOLVERS, NODE_RESOLVERS, DELTA_RESOLVERS];

/** Types whose GraphQL source is a SourceWorkflow rather than a protobuf element. */
const WORKFLOW_SOURCED = new Set(['Workflow', 'Edges']);

function resolverFor(typeName: string, fieldName: string): FieldResolver | undefined {
  for (const map of RESOLVERS) {
    const resolver = map[typeName]?.[fieldName];
    if (resolver !== undefined) return resolver;
  }
  return undefined;
}

function checkResolversExist(schema: GraphQLSchema): void {
  for (const map of RESOLVERS) {
    for (const [typeName, fields] of Object.entries(map)) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`resolvers for ${typeName}, which the schema lacks`);
      for (const fieldName of Object.keys(fields)) {
        if (type.getFields()[fieldName] === undefined) throw new Error(`resolver for ${typeName}.${fieldName}, which the schema lacks`);
      }
    }
  }
}

function attachResolvers(schema: GraphQLSchema): void {
  const mutationType = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (type === mutationType) {
        field.resolve = resolveMutation as AnySourceResolver;
        continue;
      }
      // The map's resolvers are typed for their own sources; the schema delivers those.
      const own = resolverFor(type.name, field.name) as AnySourceResolver | undefined;
      field.resolve =
        own ??
        (WORKFLOW_SOURCED.has(type.name)
          ? (plainFieldResolver(field, (source) => workflowFields(source as SourceWorkflow)) as AnySourceResolver)
          : plainFieldResolver(field, (source) => source as Fields));
    }
  }
}

export function buildCylcSchema(): GraphQLSchema {
  const schema = buildSchema(SCHEMA_SDL);
  checkResolversExist(schema);
  makeCylcStringScalars(schema);
  attachResolvers(schema);
  const node = schema.getType('Node');
  if (!isUnionType(node)) throw new Error('schema has no union Node');
  node.resolveType = (value: DataElement, context: GraphQLContext) => resolveNodeType(value, context);
  return schema;
}

let shared: GraphQLSchema | undefined;

/** The one schema of this process. */
export function cylcSchema(): GraphQLSchema {
  shared ??= buildCylcSchema();
  return shared;
}
