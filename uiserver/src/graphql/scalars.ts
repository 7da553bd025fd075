/**
 * Cylc's own scalars are strings (graphene String subclasses): accept only
 * strings, so a `workflows` argument is always a list of IDs by the time it
 * is routed. GenericScalar and BroadcastSetting keep graphql-js's default
 * for SDL scalars, which is any JSON value, as in Cylc.
 */
import { GraphQLError, Kind, isScalarType, type GraphQLSchema, type ValueNode } from 'graphql';

const STRING_SCALARS = [
  'WorkflowID',
  'CyclePoint',
  'BroadcastCyclePoint',
  'NamespaceName',
  'NamespaceIDGlob',
  'TaskID',
  'TimePoint',
  'Flow',
];

export function makeCylcStringScalars(schema: GraphQLSchema): void {
  for (const name of STRING_SCALARS) {
    const scalar = schema.getType(name);
    if (!isScalarType(scalar)) throw new Error(`schema has no scalar ${name}`);
    scalar.serialize = (value: unknown) => String(value);
    scalar.parseValue = (value: unknown) => {
      if (typeof value !== 'string') throw new GraphQLError(`${name} cannot represent a non-string value: ${JSON.stringify(value)}`);
      return value;
    };
    scalar.parseLiteral = (node: ValueNode) => {
      if (node.kind !== Kind.STRING) throw new GraphQLError(`${name} cannot represent a non-string value.`, { nodes: node });
      return node.value;
    };
  }
}
