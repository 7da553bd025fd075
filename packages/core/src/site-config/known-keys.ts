/**
 * The keys a schema accepts at a path, for "unknown key; did you mean ...".
 * Walks through the wrappers (defaults, preprocessing, refinements) that
 * sit between an object and its parent.
 */
import { z } from 'zod';

function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodDefault) current = current.removeDefault();
    else if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap();
    else if (current instanceof z.ZodEffects) current = current.innerType();
    else return current;
  }
}

export function knownKeysAt(schema: z.ZodTypeAny, path: readonly (string | number)[]): readonly string[] {
  let current: z.ZodTypeAny | undefined = unwrap(schema);
  for (const segment of path) {
    if (current instanceof z.ZodObject) {
      const shape = current.shape as Record<string, z.ZodTypeAny>;
      current = typeof segment === 'string' ? shape[segment] : undefined;
    } else if (current instanceof z.ZodArray) {
      current = current.element as z.ZodTypeAny;
    } else {
      current = undefined;
    }
    if (current === undefined) return [];
    current = unwrap(current);
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape as Record<string, unknown>) : [];
}
