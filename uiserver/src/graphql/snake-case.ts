/**
 * GraphQL's camelCase field names to the protobuf's snake_case, exactly as
 * Cylc converts them (graphene's to_snake_case), so `isHeldTotal` finds
 * `is_held_total`.
 */
const cache = new Map<string, string>();

/** Fields whose protobuf name is not the snake_case of the GraphQL name. */
const EXCEPTIONS: Readonly<Record<string, string>> = { URL: 'URL' };

export function toSnakeCase(name: string): string {
  const exception = EXCEPTIONS[name];
  if (exception !== undefined) return exception;
  let snake = cache.get(name);
  if (snake === undefined) {
    snake = name
      .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toLowerCase();
    cache.set(name, snake);
  }
  return snake;
}
