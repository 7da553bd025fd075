/** `stop`: TERM, wait, then KILL — only the caller's own UI server. */
import type { StopReply } from '../protocol';
import { findOwnUiServer } from './proc';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitGone(pid: number, startTime: number, uid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!findOwnUiServer(pid, startTime, uid)) return true;
    await sleep(50);
  }
  return !findOwnUiServer(pid, startTime, uid);
}

export async function stopServer(pid: number, startTime: number, timeoutSeconds: number, uid: number): Promise<StopReply> {
  if (!findOwnUiServer(pid, startTime, uid)) return { ok: true, stopped: true, signal: 'none' };
  process.kill(pid, 'SIGTERM');
  if (await waitGone(pid, startTime, uid, timeoutSeconds * 1000)) return { ok: true, stopped: true, signal: 'TERM' };
  process.kill(pid, 'SIGKILL');
  if (await waitGone(pid, startTime, uid, 2000)) return { ok: true, stopped: true, signal: 'KILL' };
  return { ok: false, error: `process ${pid} survived SIGKILL` };
}
