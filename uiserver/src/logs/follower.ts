import { type FSWatcher, watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { openLogFile, type OpenLogFile } from './log-file';
import { isMissing, LogNotFoundError } from './log-paths';
import { Utf8Chunks } from './utf8-chunks';

export interface FollowTimings {
  /** Checks happen at least this often even without a change notice: fs.watch misses some changes (and some file systems). */
  readonly pollMs: number;
  /** …and at most this often, however many notices arrive (the API's promise). */
  readonly minIntervalMs: number;
  /** A comment this often keeps proxies from closing a quiet stream and the server from idling out. */
  readonly heartbeatMs: number;
  /** Largest text of one `chunk` event, in bytes read. */
  readonly chunkBytes: number;
}

export const DEFAULT_FOLLOW_TIMINGS: FollowTimings = { pollMs: 250, minIntervalMs: 250, heartbeatMs: 15_000, chunkBytes: 256 * 1024 };

/** Where events go (an SseStream in production). */
export interface FollowSink {
  event(name: string, data: unknown): boolean;
  comment(text: string): boolean;
  /** Resolves once written data has drained, or the stream has closed. */
  drained(): Promise<void>;
  readonly closed: boolean;
  end(): void;
}

export interface FollowOptions {
  readonly file: OpenLogFile;
  readonly realPath: string;
  /** File offset of the first byte to send (a character boundary). */
  readonly start: number;
  /** The vetted real path of the log now: it may have been replaced or removed since. */
  readonly resolve: () => Promise<string>;
  readonly sink: FollowSink;
  readonly timings: FollowTimings;
  readonly onActivity: () => void;
  readonly onError: (err: unknown) => void;
}

/**
 * Sends a log file's growth as `chunk` events, like `tail -F`: a file
 * that shrinks or is replaced (another inode at the same name, e.g. a new
 * submit behind the `NN` link) is announced with `truncated` and read again
 * from 0. Reads wait for the client: while the response cannot take more,
 * nothing more is read.
 */
export class LogFollower {
  private file: OpenLogFile | undefined;
  private realPath: string;
  private position: number;
  private readonly text: Utf8Chunks;
  private readonly buffer: Buffer;
  private watcher: FSWatcher | undefined;
  private watchedDir: string | undefined;
  private checkTimer: NodeJS.Timeout | undefined;
  private checkDue = Infinity;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private busy = false;
  private stopped = false;
  private lastCheck = -Infinity;
  private resolveDone!: () => void;
  /** Resolves once the follower has stopped and closed its file. */
  readonly done: Promise<void> = new Promise((resolve) => (this.resolveDone = resolve));

  constructor(private readonly options: FollowOptions) {
    this.file = options.file;
    this.realPath = options.realPath;
    this.position = options.start;
    this.text = new Utf8Chunks(options.start);
    this.buffer = Buffer.alloc(options.timings.chunkBytes);
  }

  start(): void {
    this.heartbeatTimer = setInterval(() => {
      this.options.sink.comment('heartbeat');
      this.options.onActivity();
    }, this.options.timings.heartbeatMs);
    this.watchDir(dirname(this.realPath));
    this.options.onActivity();
    void this.check();
  }

  /** Stop reading (the client went away, or the server is closing). Safe to call more than once. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.checkTimer);
    this.checkTimer = undefined;
    this.watcher?.close();
    this.watcher = undefined;
    // A read in progress closes the file itself when it notices.
    if (!this.busy) void this.closeFile().then(this.resolveDone);
  }

  /** Stop and end the stream (server shutdown): the client sees the stream close and may reconnect elsewhere. */
  end(): void {
    this.stop();
    this.options.sink.end();
  }

  private async check(): Promise<void> {
    if (this.stopped || this.busy) return;
    this.busy = true;
    this.lastCheck = Date.now();
    try {
      await this.readNew();
    } catch (err) {
      if (!this.stopped) {
        this.options.onError(err);
        this.options.sink.end();
      }
      this.stop();
    } finally {
      this.busy = false;
      if (this.stopped) await this.closeFile().then(this.resolveDone);
      else this.schedule(this.options.timings.pollMs);
    }
  }

  /** One pending check at a time, at the earliest time asked for. */
  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const due = Date.now() + delayMs;
    if (this.checkTimer && this.checkDue <= due) return;
    clearTimeout(this.checkTimer);
    this.checkDue = due;
    this.checkTimer = setTimeout(() => {
      this.checkTimer = undefined;
      this.checkDue = Infinity;
      void this.check();
    }, delayMs);
  }

  /** A change notice: check soon, but not sooner than the minimum interval allows. */
  private noticed(): void {
    if (this.busy) return; // the check in progress re-arms the poll when it ends
    this.schedule(Math.max(0, this.lastCheck + this.options.timings.minIntervalMs - Date.now()));
  }

  private async readNew(): Promise<void> {
    // The old file's last lines first: a rotated log's tail is still worth showing.
    if (this.file) await this.sendGrowth(this.file);
    if (!this.stopped) await this.switchIfReplaced();
  }

  private async sendGrowth(file: OpenLogFile): Promise<void> {
    const { size } = await file.handle.stat();
    if (size < this.position) this.restart();
    const { sink, onActivity, timings } = this.options;
    while (!this.stopped && this.position < size) {
      const { bytesRead } = await file.handle.read(this.buffer, 0, Math.min(timings.chunkBytes, size - this.position), this.position);
      if (bytesRead === 0) break;
      this.position += bytesRead;
      const { offset, text } = this.text.push(this.buffer.subarray(0, bytesRead));
      if (text === '') continue;
      onActivity();
      if (!sink.event('chunk', { offset, text })) await sink.drained();
    }
  }

  /** The name now leads to another file (or back into existence): read that one from 0. */
  private async switchIfReplaced(): Promise<void> {
    let realPath: string;
    try {
      realPath = await this.options.resolve();
      const now = await stat(realPath);
      if (this.file && now.ino === this.file.ino && now.dev === this.file.dev) return;
    } catch (err) {
      // Gone for now (removed, or a link now leading out): keep what is open and wait.
      if (err instanceof LogNotFoundError || isMissing(err)) return;
      throw err;
    }
    let next: OpenLogFile;
    try {
      next = await openLogFile(realPath, () => new LogNotFoundError('replaced log file'));
    } catch (err) {
      if (err instanceof LogNotFoundError) return;
      throw err;
    }
    await this.closeFile();
    this.file = next;
    if (this.stopped) return;
    this.realPath = realPath;
    this.watchDir(dirname(realPath));
    this.restart();
    await this.sendGrowth(next);
  }

  private restart(): void {
    this.position = 0;
    this.text.reset(0);
    this.options.sink.event('truncated', { offset: 0 });
  }

  /**
   * Watch the directory rather than the file: a watch on the file would go
   * stale when the file is replaced, and the directory also reports it.
   */
  private watchDir(dir: string): void {
    if (this.stopped || this.watchedDir === dir) return;
    this.watcher?.close();
    this.watcher = undefined;
    this.watchedDir = dir;
    try {
      const watcher = watch(dir, (_event, name) => {
        if (name === null || name === basename(this.realPath)) this.noticed();
      });
      watcher.on('error', () => {
        // E.g. the directory was removed: the poll carries on alone.
        watcher.close();
        if (this.watcher === watcher) this.watcher = undefined;
      });
      this.watcher = watcher;
    } catch {
      // Out of inotify watches, or the directory is gone: the poll carries on alone.
    }
  }

  private async closeFile(): Promise<void> {
    const file = this.file;
    this.file = undefined;
    try {
      await file?.handle.close();
    } catch {
      // Already closed: nothing to release.
    }
  }
}
