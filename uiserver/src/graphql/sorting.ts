/** Cylc's `sort: {keys, reverse}` argument: order by the named fields, in turn. */
import { GraphQLError } from 'graphql';
import { toSnakeCase } from './snake-case';

export interface SortArgs {
  readonly keys?: readonly (string | null)[] | null;
  readonly reverse?: boolean | null;
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = a === undefined || a === null ? '' : String(a);
  const right = b === undefined || b === null ? '' : String(b);
  // Code-point order, as Python sorts strings.
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Sorts in place (the list is always one built for this answer) and returns it. */
export function sortElements<T extends Readonly<Record<string, unknown>>>(elements: T[], sort: SortArgs | null | undefined): T[] {
  if (!sort || elements.length === 0) return elements;
  const keys = (sort.keys ?? []).filter((key): key is string => typeof key === 'string').map(toSnakeCase);
  if (keys.length === 0) throw new GraphQLError('You must provide at least one key to sort');
  const direction = sort.reverse === true ? -1 : 1;
  return elements.sort((a, b) => {
    for (const key of keys) {
      const order = compareValues(a[key], b[key]);
      if (order !== 0) return order * direction;
    }
    return 0;
  });
}
