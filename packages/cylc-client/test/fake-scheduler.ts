/**
 * A stand-in scheduler for unit tests: a CURVE ROUTER socket on a free port
 * that answers like a scheduler's REP socket, but may also stay silent
 * (which a REP socket cannot), to test timeouts.
 */
import { Router, curveKeyPair } from 'zeromq';
import type { CurveKeys } from '../src';

// A Buffer reply stands for the raw protobuf bytes of the `pb_*` commands.
export type Responder = (request: Record<string, unknown>) => Promise<string | Buffer | undefined> | string | Buffer | undefined;

export interface FakeScheduler {
  readonly port: number;
  readonly clientKeys: CurveKeys;
  /** Every request received, decoded. */
  readonly received: Record<string, unknown>[];
  close(): void;
}

export async function startFakeScheduler(respond: Responder): Promise<FakeScheduler> {
  const server = curveKeyPair();
  const client = curveKeyPair();
  const socket = new Router({ curveServer: true, curveSecretKey: server.secretKey, curvePublicKey: server.publicKey, linger: 0 });
  await socket.bind('tcp://127.0.0.1:*');
  const port = Number(/:(\d+)$/.exec(socket.lastEndpoint ?? '')?.[1]);
  const received: Record<string, unknown>[] = [];
  void (async () => {
    try {
      for await (const [identity, empty, body] of socket) {
        if (identity === undefined || empty === undefined || body === undefined) continue;
        const request = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        received.push(request);
        const reply = await respond(request);
        if (reply !== undefined) await socket.send([identity, empty, reply]);
      }
    } catch {
      // socket closed
    }
  })();
  return {
    port,
    clientKeys: { publicKey: client.publicKey, secretKey: client.secretKey, serverKey: server.publicKey },
    received,
    close: () => socket.close(),
  };
}
