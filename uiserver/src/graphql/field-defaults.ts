/**
 * The resolver of every plain field: the element's snake_case field, or the
 * protobuf default when the element does not carry it (false, 0, "", []),
 * which is what Cylc answers for an unset field. Built once per schema field,
 * so a read costs one property lookup per field.
 */
import { getNullableType, isListType, isScalarType, type GraphQLField, type GraphQLFieldResolver, type GraphQLOutputType } from 'graphql';
import type { GraphQLContext } from './context';
import { toSnakeCase } from './snake-case';

type Fields = Readonly<Record<string, unknown>>;

const EMPTY_LIST: readonly unknown[] = Object.freeze([]);

function protobufDefault(type: GraphQLOutputType): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return EMPTY_LIST;
  if (!isScalarType(nullable)) return null;
  switch (nullable.name) {
    case 'Boolean':
      return false;
    case 'Int':
    case 'Float':
      return 0;
    case 'String':
    case 'ID':
      return '';
    default:
      return null;
  }
}

/**
 * `fieldsOf` finds the protobuf fields in the GraphQL source object: the
 * object itself for elements, the store's workflow element for a workflow.
 */
export function plainFieldResolver<TSource>(
  field: GraphQLField<TSource, GraphQLContext>,
  fieldsOf: (source: TSource) => Fields | undefined,
): GraphQLFieldResolver<TSource, GraphQLContext> {
  const key = toSnakeCase(field.name);
  const fallback = protobufDefault(field.type);
  return (source) => {
    const value = fieldsOf(source)?.[key];
    return value === undefined || value === null ? fallback : value;
  };
}
