/** hub-service's routes a UI server calls (grant key, roles, audit), in express on 127.0.0.1, with a key to issue grants. */
import { exportPublicJwk, generateGrantKeys, GrantIssuer, type GrantKeyPair } from '@isobar/authz';
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SERVER_TOKEN = 'uiserver-api-token';
const PREFIX = '/services/isobar/';

export interface ReceivedBatch {
  readonly chain: string;
  readonly entries: { seq: number; record: Record<string, unknown> }[];
}

export class FakeHubService {
  /** Replaced to stand for hub-service restarting with a new key. */
  keys: GrantKeyPair = generateGrantKeys();
  readonly roles = new Map<string, string[]>();
  readonly roleRequests: { person: string; authorization: string | undefined }[] = [];
  readonly batches: ReceivedBatch[] = [];
  keyRequests = 0;
  /** While true, api/audit answers 503 (hub-service down). */
  auditDown = false;
  private http: Server | undefined;
  private port = 0;

  /** `token`: the UI server's API token, which roles and audit requests must carry. */
  constructor(private readonly token = SERVER_TOKEN) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  url(path: string): string {
    return `${this.origin}${PREFIX}${path}`;
  }

  get received(): ReceivedBatch['entries'] {
    return this.batches.flatMap((batch) => batch.entries);
  }

  async start(): Promise<void> {
    const app = express();
    app.use(express.json());
    app.get(`${PREFIX}api/grant-key`, (_req, res) => {
      this.keyRequests++;
      res.json(exportPublicJwk(this.keys.publicKey));
    });
    app.get(`${PREFIX}api/roles`, (req, res) => {
      const person = String(req.query['person']);
      this.roleRequests.push({ person, authorization: req.headers.authorization });
      if (req.headers.authorization !== `token ${this.token}`) {
        res.status(403).json({ status: 403 });
        return;
      }
      res.json({ person, roles: this.roles.get(person) ?? [], errors: [] });
    });
    app.post(`${PREFIX}api/audit`, (req, res) => {
      if (this.auditDown || req.headers.authorization !== `token ${this.token}`) {
        res.status(503).json({ status: 503 });
        return;
      }
      const batch = req.body as ReceivedBatch;
      this.batches.push(batch);
      res.json({ results: batch.entries.map((entry) => ({ accepted: true, seq: entry.seq, duplicate: false })) });
    });
    this.http = createServer(app);
    await new Promise<void>((resolve) => this.http?.listen(0, '127.0.0.1', resolve));
    this.port = (this.http.address() as AddressInfo).port;
  }

  /** A grant as hub-service issues it; `now` lets a test make one that has already expired. */
  grant(person: string, level: 'execute' | 'write', audience = 'alice', now?: Date): Promise<string> {
    const issuer = new GrantIssuer({ privateKey: this.keys.privateKey, ttlSeconds: 30, ...(now ? { now: () => now } : {}) });
    const start = now ?? new Date();
    return issuer.issue({ person, level, audience, session: `elev-${person}`, expiresAt: new Date(start.getTime() + 900_000) });
  }

  async close(): Promise<void> {
    this.http?.closeAllConnections();
    await new Promise<void>((resolve) => (this.http ? this.http.close(() => resolve()) : resolve()));
  }
}
