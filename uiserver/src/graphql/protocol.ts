/**
 * The graphql-transport-ws protocol (the `graphql-ws` package's): message
 * shapes and close codes, validated as that package's server validates
 * them, so its client works against this server unchanged.
 */
import type { JsonObject } from '@isobar/cylc-client';
import { claimedIdentity } from './claimed-identity';

export const GRAPHQL_TRANSPORT_WS = 'graphql-transport-ws';

export const CloseCode = {
  /** Server shutting down. */
  GoingAway: 1001,
  /** Too far behind: the client could not keep up with its messages. */
  TryAgainLater: 1013,
  BadRequest: 4400,
  Unauthorized: 4401,
  SubprotocolNotAcceptable: 4406,
  ConnectionInitialisationTimeout: 4408,
  SubscriberAlreadyExists: 4409,
  TooManyInitialisationRequests: 4429,
  /** Not in graphql-ws; the same number, for the same kind of abuse. */
  TooManyMessages: 4429,
} as const;

export interface SubscribePayload {
  readonly query: string;
  readonly variables?: JsonObject | null;
  readonly operationName?: string | null;
  /** `extensions.grant`: the grant for a mutation sent over the socket. */
  readonly extensions?: JsonObject | null;
  /** Set when the payload named an `auth_user` of its own (see claimed-identity.ts). */
  readonly claimedIdentity?: string | undefined;
}

export type ClientMessage =
  | { readonly type: 'connection_init' }
  | { readonly type: 'ping' }
  | { readonly type: 'pong' }
  | { readonly type: 'subscribe'; readonly id: string; readonly payload: SubscribePayload }
  | { readonly type: 'complete'; readonly id: string };

export type ParsedMessage = { readonly ok: true; readonly message: ClientMessage } | { readonly ok: false; readonly reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalObject(value: unknown): boolean {
  return value === undefined || value === null || isObject(value);
}

function invalid(reason: string): ParsedMessage {
  return { ok: false, reason };
}

function parseSubscribe(message: Record<string, unknown>): ParsedMessage {
  const { id, payload } = message;
  if (typeof id !== 'string' || id === '') return invalid('"subscribe" message expects the \'id\' property to be a non-empty string');
  if (!isObject(payload)) return invalid('"subscribe" message expects the \'payload\' property to be an object');
  const { query, variables, operationName, extensions } = payload;
  if (typeof query !== 'string') return invalid('"subscribe" message payload expects the \'query\' property to be a string');
  if (!optionalObject(variables)) return invalid('"subscribe" message payload expects the \'variables\' property to be an object');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return invalid('"subscribe" message payload expects the \'operationName\' property to be a string');
  }
  if (!optionalObject(extensions)) return invalid('"subscribe" message payload expects the \'extensions\' property to be an object');
  // Parsed JSON, so its values are JSON values.
  const subscribe: SubscribePayload = {
    query,
    variables: (variables ?? null) as JsonObject | null,
    operationName: operationName ?? null,
    extensions: (extensions ?? null) as JsonObject | null,
    claimedIdentity: claimedIdentity(payload),
  };
  return { ok: true, message: { type: 'subscribe', id, payload: subscribe } };
}

export function parseClientMessage(text: string): ParsedMessage {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return invalid('Message is not valid JSON');
  }
  if (!isObject(message)) return invalid('Message is expected to be an object');
  const type = message['type'];
  switch (type) {
    case 'connection_init':
    case 'ping':
    case 'pong':
      if (!optionalObject(message['payload'])) return invalid(`"${type}" message expects the 'payload' property to be an object`);
      return { ok: true, message: { type } };
    case 'subscribe':
      return parseSubscribe(message);
    case 'complete': {
      const id = message['id'];
      if (typeof id !== 'string' || id === '') return invalid('"complete" message expects the \'id\' property to be a non-empty string');
      return { ok: true, message: { type, id } };
    }
    default:
      return invalid(`Unknown message type ${JSON.stringify(type)}`);
  }
}

/** A close reason must fit in a control frame (123 bytes). */
export function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  return reason;
}
