import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import type { GraphQLContext } from './context';

/**
 * Any field resolver, whatever its source and arguments: the schema
 * guarantees each resolver gets the source its parent field returned and
 * arguments of the declared shape, so each is written with precise types.
 */
export type FieldResolver = GraphQLFieldResolver<never, GraphQLContext, never>;

/** Resolvers by type name, then field name. Fields without one read the protobuf field of the same name. */
export type ResolverMap = Readonly<Record<string, Readonly<Record<string, FieldResolver>>>>;

export type Resolve<TSource, TArgs = Record<string, never>> = (
  source: TSource,
  args: TArgs,
  context: GraphQLContext,
  info: GraphQLResolveInfo,
) => unknown;
