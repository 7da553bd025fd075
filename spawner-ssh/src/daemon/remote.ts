/**
 * Calls the launcher on a host as a user and reads its one-line JSON reply.
 * What the launcher said goes into errors verbatim (it never prints secrets),
 * so a site admin sees the real reason.
 */
import type { SshExecutor, SshHost } from './ssh-pool';
import { SshFailure } from './ssh-errors';

export async function callLauncher(
  pool: SshExecutor,
  host: SshHost,
  user: string,
  command: string,
  stdin: string | undefined,
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  const result = await pool.exec(host, user, command, stdin, timeoutMs);
  const lines = result.stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '');
  const last = lines[lines.length - 1];
  let reply: unknown;
  try {
    reply = last === undefined ? undefined : JSON.parse(last);
  } catch {
    reply = undefined;
  }
  if (typeof reply !== 'object' || reply === null) {
    const said = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-3).join(' | ');
    throw new SshFailure(
      'remote',
      `launcher gave no answer (exit ${result.exitCode}${said ? ': ' + said : ''}; see ~/.isobar/log on the host)`,
    );
  }
  const doc = reply as Record<string, unknown>;
  // The launcher program answers {ok, …}; a launched UI server answers {event: "listening" | "error", …}.
  if (doc.ok === false) throw new SshFailure('remote', `launcher: ${typeof doc.error === 'string' ? doc.error : 'failed'}`);
  if (doc.event === 'error') throw new SshFailure('remote', typeof doc.message === 'string' ? doc.message : 'UI server failed to start');
  if (doc.ok !== true && doc.event !== 'listening') throw new SshFailure('remote', 'launcher gave an answer it should not');
  return doc;
}
