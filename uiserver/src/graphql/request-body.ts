/** The JSON body of a GraphQL request, checked where it enters. */
import type { JsonObject } from '@isobar/cylc-client';
import { claimedIdentity } from './claimed-identity';
import type { GraphQLRequest } from './service';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type ParsedRequest = { readonly ok: true; readonly request: GraphQLRequest } | { readonly ok: false; readonly message: string };

/** `{query, variables?, operationName?}`; anything else is refused with a message saying what is wrong. */
export function readGraphQLRequest(value: unknown): ParsedRequest {
  if (!isObject(value)) return { ok: false, message: 'The body must be a JSON object: {"query": "…", "variables": {…}}.' };
  const { query, variables, operationName } = value;
  if (typeof query !== 'string' || query.trim() === '') return { ok: false, message: 'Must provide a query string.' };
  if (variables !== undefined && variables !== null && !isObject(variables)) {
    return { ok: false, message: 'Variables must be an object.' };
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return { ok: false, message: 'operationName must be a string.' };
  }
  return {
    ok: true,
    // Parsed JSON, so its values are JSON values.
    request: {
      query,
      variables: (variables ?? null) as JsonObject | null,
      operationName: operationName ?? null,
      claimedIdentity: claimedIdentity(value),
    },
  };
}

export function parseGraphQLRequest(text: string): ParsedRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `The body is not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  return readGraphQLRequest(value);
}
