/**
 * `launch`: starts the owner's UI server, detached, and reports where it
 * listens. The request (secrets included) is handed to the UI server on its
 * stdin, so it never appears in argv, the environment or a file. The SSH
 * channel stays open until the server has bound its port.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import type { LaunchReply, LaunchRequest } from '../protocol';
import { UISERVER_MARKER } from '../protocol';
import { logDir } from './activity-log';
import { readProcess } from './proc';

const LOG_ROTATE_BYTES = 10 * 1024 * 1024;
const LISTEN_TIMEOUT_MS = 30_000;

export function uiserverEntry(): string {
  return join(require.resolve('@isobar/uiserver/package.json'), '..', 'dist', 'src', 'main.js');
}

function openServerLog(serverName: string): number {
  mkdirSync(logDir(), { recursive: true, mode: 0o700 });
  const file = join(logDir(), `uiserver${serverName ? '-' + serverName.replace(/[^A-Za-z0-9_.-]/g, '_') : ''}.log`);
  try {
    if (statSync(file).size > LOG_ROTATE_BYTES) truncateSync(file, 0);
  } catch {
    // no log yet
  }
  return openSync(file, 'a', 0o600);
}

/** A minimal, explicit environment: nothing of the SSH session leaks into the server. */
function serverEnvironment(): NodeJS.ProcessEnv {
  const keep = ['HOME', 'USER', 'LOGNAME', 'PATH', 'LANG', 'LC_ALL', 'TZ', 'ISOBAR_LOG_LEVEL'];
  const env: NodeJS.ProcessEnv = {};
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k];
  return env;
}

export function launchServer(request: LaunchRequest, bindIp: string): Promise<LaunchReply> {
  const logFd = openServerLog(request.env.JUPYTERHUB_SERVER_NAME ?? '');
  const child = spawn(process.execPath, [uiserverEntry(), UISERVER_MARKER, '--bind', bindIp], {
    detached: true,
    stdio: ['pipe', 'pipe', logFd],
    cwd: process.env.HOME ?? '/',
    env: serverEnvironment(),
  });
  closeSync(logFd);
  const { stdin, stdout } = child;
  if (!stdin || !stdout) throw new Error('cannot talk to the UI server: no pipes');
  stdin.end(JSON.stringify(request));

  return new Promise<LaunchReply>((resolve) => {
    let buffered = '';
    const finish = (reply: LaunchReply) => {
      clearTimeout(timer);
      stdout.removeAllListeners();
      child.removeAllListeners('exit');
      stdout.destroy();
      // The server lives on in its own session; the launcher must not wait for it.
      child.unref();
      resolve(reply);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ ok: false, error: `UI server did not report a port within ${LISTEN_TIMEOUT_MS / 1000} s (see ~/.isobar/log)` });
    }, LISTEN_TIMEOUT_MS);
    child.on('error', (err) => finish({ ok: false, error: `cannot start UI server: ${err.message}` }));
    child.on('exit', (code, signal) =>
      finish({ ok: false, error: `UI server exited before listening (${signal ?? 'status ' + code}); see ~/.isobar/log` }),
    );
    stdout.setEncoding('utf8');
    stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      let event: { event?: unknown; ip?: unknown; port?: unknown };
      try {
        event = JSON.parse(buffered.slice(0, newline)) as typeof event;
      } catch {
        return finish({ ok: false, error: 'UI server reported something that is not JSON' });
      }
      const pid = child.pid;
      const info = pid === undefined ? undefined : readProcess(pid);
      if (event.event !== 'listening' || typeof event.ip !== 'string' || typeof event.port !== 'number' || !info || pid === undefined) {
        return finish({ ok: false, error: 'UI server reported an unexpected event' });
      }
      finish({ ok: true, ip: event.ip, port: event.port, pid, startTime: info.startTime });
    });
  });
}
