/**
 * The daemon's HTTP API, used only by the hub's spawner shim (see
 * spawner-ssh/openapi.yaml). Every route but /v1/health needs the shared
 * token; errors map to HTTP status in one place.
 */
import { timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { createLogger } from '@isobar/core';
import { BadRequest, parseHandleRequest, parseStartRequest } from './requests';
import type { ProgressBoard } from './progress';
import { SpawnFailed, spawnKey } from './spawner';
import type { Spawner } from './spawner';
import { SshFailure } from './ssh-errors';

const log = createLogger('daemon-api');

function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function statusOf(err: unknown): number {
  if (err instanceof BadRequest) return 400;
  if (err instanceof SpawnFailed) return 503;
  if (err instanceof SshFailure) return 502;
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) return status; // body-parser: 400, 413
  return 500;
}

export function createApp(spawner: Spawner, progress: ProgressBoard, token: string): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/v1/health', (_req, res) => {
    res.json({ ok: true });
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    const given = header?.startsWith('token ') ? header.slice(6) : undefined;
    if (!tokenMatches(given, token)) {
      log.warn('refused request without a valid token', { path: req.path, from: req.ip ?? '?' });
      res.status(401).json({ error: 'UNAUTHORIZED', message: 'missing or wrong token' });
      return;
    }
    next();
  });
  app.use(express.json({ limit: '256kb' }));

  app.post('/v1/start', async (req, res) => {
    const request = parseStartRequest(req.body);
    const handle = await spawner.start(request);
    res.json({ state: handle });
  });
  app.get('/v1/progress', (req, res) => {
    const user = typeof req.query.user === 'string' ? req.query.user : '';
    const server = typeof req.query.server === 'string' ? req.query.server : '';
    const after = Number(req.query.after ?? 0);
    if (!user || !Number.isInteger(after) || after < 0) throw new BadRequest('query needs user and a non-negative integer "after"');
    res.json(progress.since(spawnKey(user, server), after));
  });
  app.post('/v1/poll', async (req, res) => {
    const { user, handle } = parseHandleRequest(req.body);
    res.json({ running: await spawner.poll(user, handle) });
  });
  app.post('/v1/stop', async (req, res) => {
    const { user, handle } = parseHandleRequest(req.body);
    res.json({ stopped: true, signal: await spawner.stop(user, handle) });
  });
  app.use((_req, res) => {
    res.status(404).json({ error: 'NOT_FOUND', message: 'no such route' });
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = statusOf(err);
    const message = err instanceof Error ? err.message : String(err);
    if (status >= 500) log.error('request failed', { path: req.path, status, message });
    const body: Record<string, unknown> = { error: (err as { code?: string }).code ?? (status === 400 ? 'BAD_REQUEST' : 'ERROR'), message };
    if (err instanceof SpawnFailed) body.attempts = err.attempts;
    if (status === 400 && (err as { type?: string }).type === 'entity.parse.failed') body.message = `malformed JSON: ${message}`;
    res.status(status).json(body);
  });
  return app;
}
