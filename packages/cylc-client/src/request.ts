/**
 * A CurveZMQ REQ client for one scheduler. A REQ socket must alternate
 * send/receive, so requests are queued and sent one at a time. If no reply
 * comes within the timeout the socket is stuck (a REQ socket cannot send
 * again before it receives), so it is closed and a fresh one made for the
 * next request; the caller gets a SchedulerUnreachableError.
 */
import { hostname } from 'node:os';
import type { Request } from 'zeromq';
import { zeromq } from './lazy-modules';
import type { CurveKeys } from './keys';
import { ClientClosedError, SchedulerUnreachableError } from './errors';
import { decodeJsonReply, encodeRequest, validateGraphQLData } from './message';
import type { GraphQLData, JsonObject, RequestMeta } from './message';

export interface RequestClientSettings {
  readonly host: string;
  readonly port: number;
  readonly keys: CurveKeys;
  /** How long to wait for each reply (default 5 s, as Cylc's own client). */
  readonly timeoutMs?: number;
  /** `meta.prog` (default "isobar"). */
  readonly prog?: string;
  /** `meta.host` (default this machine's host name). */
  readonly clientHost?: string;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;

export class CylcRequestClient {
  readonly endpoint: string;
  private readonly timeoutMs: number;
  private socket: Request | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly settings: RequestClientSettings) {
    const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
    this.endpoint = `tcp://${host}:${settings.port}`;
    this.timeoutMs = settings.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  /** Sends one command and resolves to the raw reply (JSON text, or bytes for `pb_*` commands). */
  request(command: string, args: JsonObject, authUser: string): Promise<Buffer> {
    const meta: RequestMeta = {
      prog: this.settings.prog ?? 'isobar',
      host: this.settings.clientHost ?? hostname(),
      comms_method: 'zmq',
      auth_user: authUser,
    };
    const message = encodeRequest({ command, args, meta });
    const result = this.tail.then(() => this.exchange(message));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Sends a JSON command and returns the reply's `data` (SchedulerError on an `error` reply). */
  async call(command: string, args: JsonObject, authUser: string): Promise<unknown> {
    return decodeJsonReply(await this.request(command, args, authUser));
  }

  /** Runs a GraphQL query or mutation on the scheduler, on behalf of `authUser`. */
  async graphql(query: string, variables: JsonObject, authUser: string): Promise<GraphQLData> {
    const data = await this.call('graphql', { request_string: query, variables }, authUser);
    return validateGraphQLData(data);
  }

  /** Closes the socket; queued and future requests fail with ClientClosedError. */
  close(): void {
    this.closed = true;
    this.dropSocket();
  }

  private openSocket(): Request {
    if (this.socket !== undefined) return this.socket;
    const { keys } = this.settings;
    const socket = new (zeromq().Request)({
      curveServerKey: keys.serverKey,
      curvePublicKey: keys.publicKey,
      curveSecretKey: keys.secretKey,
      receiveTimeout: this.timeoutMs,
      sendTimeout: this.timeoutMs,
      linger: 0,
    });
    socket.connect(this.endpoint);
    this.socket = socket;
    return socket;
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = undefined;
    if (socket !== undefined && !socket.closed) socket.close();
  }

  private async exchange(message: string): Promise<Buffer> {
    if (this.closed) throw new ClientClosedError(`${this.endpoint}: client closed`);
    const socket = this.openSocket();
    try {
      await socket.send(message);
      const [reply] = await socket.receive();
      if (reply === undefined) throw new SchedulerUnreachableError(`${this.endpoint}: empty reply`);
      return reply;
    } catch (err) {
      if (this.closed) throw new ClientClosedError(`${this.endpoint}: client closed`);
      // Whatever went wrong, this socket's send/receive state is unknown now.
      this.dropSocket();
      if (err instanceof SchedulerUnreachableError) throw err;
      throw new SchedulerUnreachableError(
        `${this.endpoint}: no reply within ${this.timeoutMs} ms (${describe(err)}); the scheduler may have stopped`,
      );
    }
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'EAGAIN' ? 'timed out' : err.message;
  }
  return String(err);
}
