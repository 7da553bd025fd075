/**
 * A stand-in for a running scheduler on real CurveZMQ sockets, for monitor
 * tests: a ROUTER answering like the scheduler's REP socket and a PUB
 * socket, sharing one server key pair, plus the run files (contact file and
 * key files) a client reads to find and trust them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Publisher, Router, curveKeyPair } from 'zeromq';
import { encodeDataMessage, type AllDeltas } from '../src';
import { contactText, type ContactFields } from './fake-channels';
import type { Responder } from './fake-scheduler';

export interface FakeWorkflow {
  readonly port: number;
  readonly publishPort: number;
  /** Every request received, decoded. */
  readonly received: Record<string, unknown>[];
  /** Writes `.service/contact` (pointing at these sockets) and the CURVE key files into `runDir`. */
  writeRunFiles(runDir: string, contact: Omit<ContactFields, 'port' | 'publishPort'>): Promise<void>;
  publish(deltas: AllDeltas): Promise<void>;
  publishShutdown(reason: string): Promise<void>;
  close(): void;
}

function boundPort(endpoint: string | null): number {
  return Number(/:(\d+)$/.exec(endpoint ?? '')?.[1]);
}

export async function startFakeWorkflow(respond: Responder): Promise<FakeWorkflow> {
  const server = curveKeyPair();
  const client = curveKeyPair();
  const curve = { curveServer: true, curveSecretKey: server.secretKey, curvePublicKey: server.publicKey, linger: 0 };
  const router = new Router(curve);
  const publisher = new Publisher(curve);
  await router.bind('tcp://127.0.0.1:*');
  await publisher.bind('tcp://127.0.0.1:*');
  const port = boundPort(router.lastEndpoint);
  const publishPort = boundPort(publisher.lastEndpoint);
  const received: Record<string, unknown>[] = [];
  void (async () => {
    try {
      for await (const [identity, empty, body] of router) {
        if (identity === undefined || empty === undefined || body === undefined) continue;
        const request = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        received.push(request);
        const reply = await respond(request);
        if (reply !== undefined) await router.send([identity, empty, reply]);
      }
    } catch {
      // socket closed
    }
  })();
  return {
    port,
    publishPort,
    received,
    async writeRunFiles(runDir, contact) {
      await mkdir(join(runDir, '.service'), { recursive: true });
      await writeFile(
        join(runDir, '.service', 'client.key_secret'),
        `curve\n    public-key = "${client.publicKey}"\n    secret-key = "${client.secretKey}"\n`,
      );
      await writeFile(join(runDir, '.service', 'server.key'), `curve\n    public-key = "${server.publicKey}"\n`);
      await writeFile(join(runDir, '.service', 'contact'), contactText({ ...contact, port, publishPort }));
    },
    async publish(deltas) {
      await publisher.send(['all', encodeDataMessage('AllDeltas', deltas)]);
    },
    async publishShutdown(reason) {
      await publisher.send(['shutdown', reason]);
    },
    close() {
      router.close();
      publisher.close();
    },
  };
}
