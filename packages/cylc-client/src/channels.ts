/**
 * The two sockets a connection to one scheduler uses: the SUB subscriber for
 * published deltas and the REQ client for requests. The subscriber is opened
 * first, so deltas published while the snapshot is fetched are received
 * (ZeroMQ drops what a PUB socket sends before the subscription arrives).
 * Interfaces rather than the classes, so a connection can be tested with
 * in-memory stand-ins.
 */
import { readContact, type ContactInfo } from './contact';
import { readCurveKeys } from './keys';
import type { GraphQLData, JsonObject } from './message';
import { CylcRequestClient } from './request';
import { CylcSubscriber, type SubscriberEvent } from './subscriber';

/** What CylcRequestClient offers a connection. */
export interface RequestChannel {
  request(command: string, args: JsonObject, authUser: string): Promise<Buffer>;
  graphql(query: string, variables: JsonObject, authUser: string): Promise<GraphQLData>;
  close(): void;
}

/** What CylcSubscriber offers a connection: events until `close()`. */
export interface DeltaChannel extends AsyncIterable<SubscriberEvent> {
  close(): void;
}

export interface SchedulerChannels {
  readonly contact: ContactInfo;
  readonly requests: RequestChannel;
  readonly deltas: DeltaChannel;
}

export interface OpenChannelsOptions {
  /** Per-request timeout of the REQ client (default 5 s). */
  readonly requestTimeoutMs?: number;
}

/** Reads the contact file and keys of `runDir` and opens both sockets, subscriber first. */
export async function openSchedulerChannels(runDir: string, options: OpenChannelsOptions = {}): Promise<SchedulerChannels> {
  const contact = await readContact(runDir);
  const keys = await readCurveKeys(runDir);
  const deltas = new CylcSubscriber({ host: contact.host, port: contact.publishPort, keys });
  const requests = new CylcRequestClient({
    host: contact.host,
    port: contact.port,
    keys,
    ...(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }),
  });
  return { contact, requests, deltas };
}
