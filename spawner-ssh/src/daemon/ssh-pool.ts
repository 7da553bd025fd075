/**
 * SSH connections to the hosts, as the owners, with the hub account's key.
 * Connections are reused per (host, user) and closed when idle; each host
 * has a limit on open connections (sshd's MaxStartups would otherwise refuse
 * a burst of spawns). Host keys are checked against known_hosts.
 */
import { Client } from 'ssh2';
import type { ClientChannel } from 'ssh2';
import type { KnownHosts } from './known-hosts';
import { Semaphore } from './semaphore';
import { SshFailure, classifyConnectError } from './ssh-errors';

export interface SshHost {
  readonly name: string;
  readonly address: string;
  readonly port: number;
}

export interface SshPoolOptions {
  privateKey: Buffer;
  knownHosts: KnownHosts;
  connectTimeoutMs: number;
  maxConnectionsPerHost: number;
  /** How long an unused connection stays open for reuse. */
  idleCloseMs: number;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

/** What the spawner needs of SSH: run the forced command on a host as a user. */
export interface SshExecutor {
  exec(host: SshHost, user: string, command: string, stdin: string | undefined, timeoutMs: number): Promise<ExecResult>;
}

/** sshd allows 10 sessions per connection by default; stay under it. */
const MAX_CHANNELS_PER_CONNECTION = 8;

class PooledConnection {
  readonly ready: Promise<void>;
  readonly channels = new Semaphore(MAX_CHANNELS_PER_CONNECTION);
  private idleTimer: NodeJS.Timeout | undefined;
  closed = false;

  constructor(
    readonly client: Client,
    ready: Promise<void>,
    private readonly releaseSlot: () => void,
    private readonly idleCloseMs: number,
    private readonly onClose: () => void,
  ) {
    this.ready = ready;
    // Errors after the handshake surface as a closed connection; without a listener they would crash the daemon.
    client.on('error', () => this.markClosed());
    client.on('close', () => this.markClosed());
    client.on('end', () => this.markClosed());
  }

  markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    this.releaseSlot();
    this.onClose();
  }

  /** Callers between connect() and the end of their command. */
  private users = 0;

  get idle(): boolean {
    return this.users === 0;
  }

  /** Taken before use, so the idle timer cannot close the connection under a new caller. */
  claim(): void {
    this.users++;
    clearTimeout(this.idleTimer);
  }

  release(): void {
    this.users--;
    if (this.idle) this.idleTimer = setTimeout(() => this.close(), this.idleCloseMs);
  }

  close(): void {
    this.client.end();
    this.markClosed();
  }
}

export class SshPool implements SshExecutor {
  private readonly connections = new Map<string, PooledConnection>();
  private readonly hostSlots = new Map<string, Semaphore>();

  constructor(private readonly options: SshPoolOptions) {}

  private slotsFor(host: SshHost): Semaphore {
    let slots = this.hostSlots.get(host.name);
    if (!slots) {
      slots = new Semaphore(this.options.maxConnectionsPerHost);
      this.hostSlots.set(host.name, slots);
    }
    return slots;
  }

  /** Open connections per host name, for metrics and tests. */
  openConnections(hostName: string): number {
    return this.slotsFor({ name: hostName, address: '', port: 0 }).inUse;
  }

  private closeOneIdle(host: SshHost): void {
    for (const [key, conn] of this.connections) {
      if (key.startsWith(host.name + '\0') && conn.idle && !conn.closed) {
        conn.close();
        return;
      }
    }
  }

  private async connect(host: SshHost, user: string): Promise<PooledConnection> {
    const key = `${host.name}\0${user}`;
    const existing = this.connections.get(key);
    if (existing && !existing.closed) {
      existing.claim();
      return existing;
    }

    const slots = this.slotsFor(host);
    if (slots.inUse >= slots.limit) this.closeOneIdle(host);
    const releaseSlot = await slots.acquire();
    const again = this.connections.get(key);
    if (again && !again.closed) {
      releaseSlot();
      again.claim();
      return again;
    }

    const client = new Client();
    let hostKeyRejected = false;
    const ready = new Promise<void>((resolve, reject) => {
      client.once('ready', () => resolve());
      client.once('error', (err) => reject(classifyConnectError(err, hostKeyRejected)));
      // A connection cut during the handshake may close without an error: never wait on it forever.
      client.once('close', () => reject(new SshFailure('unreachable', 'connection closed during the handshake')));
    });
    ready.catch(() => undefined);
    const conn = new PooledConnection(client, ready, releaseSlot, this.options.idleCloseMs, () => {
      if (this.connections.get(key) === conn) this.connections.delete(key);
    });
    this.connections.set(key, conn);
    conn.claim();
    client.connect({
      host: host.address,
      port: host.port,
      username: user,
      privateKey: this.options.privateKey,
      readyTimeout: this.options.connectTimeoutMs,
      keepaliveInterval: 15_000,
      hostVerifier: (key: Buffer) => {
        const ok = this.options.knownHosts.verify(host.address, host.port, key);
        if (!ok) hostKeyRejected = true;
        return ok;
      },
    });
    try {
      await ready;
    } catch (err) {
      conn.close();
      throw err;
    }
    return conn;
  }

  /**
   * Runs the forced command with SSH_ORIGINAL_COMMAND = `command`, writes
   * `stdin` (then EOF) and resolves with what it printed once it exits.
   */
  async exec(host: SshHost, user: string, command: string, stdin: string | undefined, timeoutMs: number): Promise<ExecResult> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new SshFailure('timeout', `"${command.split(' ')[0]}" on ${host.name} did not answer within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
    // One deadline covers queueing for a connection slot, the handshake and the command itself.
    try {
      return await Promise.race([this.execUnbounded(host, user, command, stdin), deadline]);
    } catch (err) {
      // A connection that let a command time out is not trusted with the next one.
      if (err instanceof SshFailure && err.kind === 'timeout') this.connections.get(`${host.name}\0${user}`)?.close();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  private async execUnbounded(host: SshHost, user: string, command: string, stdin: string | undefined): Promise<ExecResult> {
    const conn = await this.connect(host, user);
    let releaseChannel: (() => void) | undefined;
    try {
      await conn.ready;
      releaseChannel = await conn.channels.acquire();
      return await new Promise<ExecResult>((resolve, reject) => {
        const onGone = () => reject(new SshFailure('unreachable', 'connection lost'));
        conn.client.once('close', onGone);
        conn.client.exec(command, (err: Error | undefined, channel: ClientChannel) => {
          if (err) {
            conn.client.off('close', onGone);
            // The connection is no longer usable (e.g. the server closed it): drop it so the next call reconnects.
            conn.close();
            return reject(new SshFailure('unreachable', `cannot open a channel: ${err.message}`));
          }
          let stdout = '';
          let stderr = '';
          let exitCode: number | null = null;
          channel.setEncoding('utf8');
          channel.stderr.setEncoding('utf8');
          channel.on('data', (d: string) => (stdout += d));
          channel.stderr.on('data', (d: string) => (stderr += d));
          channel.on('exit', (code: number | null) => (exitCode = code));
          channel.on('close', () => {
            conn.client.off('close', onGone);
            resolve({ stdout, stderr, exitCode });
          });
          channel.end(stdin ?? '');
        });
      });
    } finally {
      releaseChannel?.();
      conn.release();
    }
  }

  closeAll(): void {
    for (const conn of this.connections.values()) conn.close();
  }
}
