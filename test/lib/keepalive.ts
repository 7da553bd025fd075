/** Holds a UI server's page open the way a browser tab does: a websocket sending keep-alives. */
import WebSocket from 'ws';
import { PUBLIC_URL } from './bed';
import type { HubSession } from './http-session';

export async function holdOpen(session: HubSession, owner: string, everyMs = 2000): Promise<() => void> {
  const path = `/user/${owner}/api/ws`;
  const url = PUBLIC_URL.replace(/^http/, 'ws') + path;
  const socket = new WebSocket(url, { headers: { cookie: session.jar.headerFor(path) } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`websocket refused: HTTP ${res.statusCode}`)));
  });
  const timer = setInterval(() => socket.send(JSON.stringify({ type: 'keepalive' })), everyMs);
  return () => {
    clearInterval(timer);
    socket.close();
  };
}
