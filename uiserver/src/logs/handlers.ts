import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../log';
import { sendJsonError } from '../respond';
import { type CylcId, ForeignOwnerError, formatCylcId, InvalidCylcIdError, type JobId, parseCylcId, type WorkflowId } from './cylc-id';
import { FollowSlots } from './follow-slots';
import { DEFAULT_FOLLOW_TIMINGS, type FollowTimings, LogFollower } from './follower';
import { listLogs } from './list-logs';
import { characterStart, openLogFile } from './log-file';
import { LogNotFoundError, LogPaths } from './log-paths';
import { checkLogFileName, InvalidNameError } from './names';
import { BadParameterError, flagParameter, offsetParameter, requiredParameter } from './query';
import { sendLogText } from './send-log-text';
import { SseStream } from './sse';

export interface LogHandlersOptions {
  /** The owner's `~/cylc-run`. */
  readonly cylcRun: string;
  /** Whose workflows this server holds (JUPYTERHUB_USER). */
  readonly owner: string;
  /** Called while a follow is open (each chunk and heartbeat): an open log keeps the server alive. */
  readonly onActivity?: () => void;
  readonly log?: Logger;
  /** Concurrent follows; more are answered 429. */
  readonly maxFollows?: number;
  /** What a read without `offset` (and the start of a follow) shows: the last this many bytes. */
  readonly backlogBytes?: number;
  readonly timings?: Partial<FollowTimings>;
}

export interface LogHandlers {
  /** `GET api/logs/files?id=<ID>` */
  readonly files: RequestHandler;
  /** `GET api/logs/file?id=<workflow or job ID>&file=<name>[&offset=N][&follow=1]` */
  readonly file: RequestHandler;
  /** Follows open now. */
  openFollows(): number;
  /** End every follow (at shutdown: open streams would hold the server open); resolves when their files are closed. */
  closeAll(): Promise<void>;
}

export const DEFAULT_MAX_FOLLOWS = 64;
export const DEFAULT_BACKLOG_BYTES = 1024 * 1024;

/** The handlers of the job log API (see CYLC-API.md, "Job logs"). */
export function createLogHandlers(options: LogHandlersOptions): LogHandlers {
  const paths = new LogPaths(options.cylcRun);
  const slots = new FollowSlots(options.maxFollows ?? DEFAULT_MAX_FOLLOWS);
  const backlogBytes = options.backlogBytes ?? DEFAULT_BACKLOG_BYTES;
  const timings: FollowTimings = { ...DEFAULT_FOLLOW_TIMINGS, ...options.timings };
  const onActivity = options.onActivity ?? ((): void => undefined);
  const followers = new Set<LogFollower>();

  const files = async (req: Request, res: Response): Promise<void> => {
    const id = idParameter(req, options.owner);
    res.json(await listLogs(paths, id));
  };

  const file = async (req: Request, res: Response): Promise<void> => {
    const id = idParameter(req, options.owner);
    const name = fileParameter(req);
    const offset = offsetParameter(req, 'offset');
    const follow = flagParameter(req, 'follow');
    if (id.kind === 'task') throw new BadParameterError('id', 'log files belong to a workflow or a job (…//cycle/task/NN), not a task');
    const realPath = await paths.file(id, name);
    if (!follow) {
      await sendLogText(req, res, await openLogFile(realPath, notFound(id, name)), offset, backlogBytes);
      return;
    }
    const release = slots.tryAcquire();
    if (!release) {
      sendJsonError(res, 429, 'TOO_MANY_FOLLOWS', `At most ${slots.max} logs can be followed at once; close one and try again.`);
      return;
    }
    try {
      await startFollow(req, res, id, name, realPath, offset, release);
    } catch (err) {
      release();
      throw err;
    }
  };

  async function startFollow(
    req: Request,
    res: Response,
    id: WorkflowId | JobId,
    name: string,
    realPath: string,
    offset: number | undefined,
    release: () => void,
  ): Promise<void> {
    const opened = await openLogFile(realPath, notFound(id, name));
    const sink = new SseStream(res);
    let start: number;
    try {
      start = offset ?? (await characterStart(opened.handle, Math.max(0, opened.size - backlogBytes), opened.size));
      sink.open({ 'X-Log-Size': String(opened.size) });
    } catch (err) {
      await opened.handle.close();
      throw err;
    }
    if (req.method === 'HEAD') {
      await opened.handle.close();
      sink.end();
      release();
      return;
    }
    const follower = new LogFollower({
      file: opened,
      realPath,
      start,
      // Vetted afresh each time: the name may lead elsewhere by now.
      resolve: () => paths.file(id, name),
      sink,
      timings,
      onActivity,
      onError: (err) => options.log?.warn('stopped following a log', { id: formatCylcId(id), file: name, error: errorText(err) }),
    });
    followers.add(follower);
    void follower.done.then(() => {
      followers.delete(follower);
      release();
    });
    res.on('close', () => follower.stop());
    if (res.destroyed) follower.stop();
    else follower.start();
  }

  return {
    files: answering(files),
    file: answering(file),
    openFollows: () => followers.size,
    closeAll: async () => {
      const all = [...followers];
      for (const follower of all) follower.end();
      await Promise.all(all.map((follower) => follower.done));
    },
  };
}

function idParameter(req: Request, owner: string): CylcId {
  const text = requiredParameter(req, 'id');
  try {
    return parseCylcId(text, owner);
  } catch (err) {
    if (err instanceof InvalidCylcIdError) throw new BadParameterError('id', err.message);
    throw err;
  }
}

function fileParameter(req: Request): string {
  const text = requiredParameter(req, 'file');
  try {
    return checkLogFileName(text);
  } catch (err) {
    if (err instanceof InvalidNameError) throw new BadParameterError('file', err.message);
    throw err;
  }
}

function notFound(id: CylcId, file: string): () => LogNotFoundError {
  return () => new LogNotFoundError(`No log file "${file}" for ${formatCylcId(id)}.`);
}

/**
 * Run an async handler and turn the log API's own errors into answers
 * here (the route table calls handlers without awaiting them); anything
 * else goes to the error handler.
 */
function answering(handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req, res, next) => {
    handler(req, res).catch((err: unknown) => {
      const answer = knownAnswer(err);
      if (!answer) {
        next(err);
        return;
      }
      if (res.headersSent) res.destroy();
      else sendJsonError(res, answer.status, answer.code, answer.message);
    });
  };
}

function knownAnswer(err: unknown): { status: number; code: string; message: string } | undefined {
  if (err instanceof BadParameterError) return { status: 400, code: 'BAD_PARAMETER', message: err.message };
  if (err instanceof ForeignOwnerError || err instanceof LogNotFoundError) return { status: 404, code: 'NOT_FOUND', message: err.message };
  return undefined;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
