import { HubUnreachableError, TokenRejectedError, type HubUser } from '@isobar/hub-client';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { parseLaunchDocument } from '../src/config';
import { IdleTracker } from '../src/idle';
import { Logger } from '../src/log';
import { CLOSE_ACCESS_WITHDRAWN, CLOSE_SESSION_ENDED, DEFAULT_SOCKET_LIMITS, PageSockets } from '../src/page-sockets';
import { SessionStore } from '../src/sessions';
import { SessionVerifier } from '../src/verifier';
import { PageSocket, sleep } from './helpers/browser';
import { FakeClock, LineSink } from './clock';
import { launchEnv } from './helpers/launch-env';

/** PageSockets in-process, with a hand-driven clock for the session re-check. */
describe('PageSockets', () => {
  let http: Server;
  let sockets: PageSockets;
  let store: SessionStore;
  let clock: FakeClock;
  let tracker: IdleTracker;
  let hubAnswer: () => Promise<HubUser>;
  let url: string;
  let activity = 0;

  beforeEach(async () => {
    const config = parseLaunchDocument(JSON.stringify({ env: launchEnv(), keepaliveSeconds: 1 }));
    clock = new FakeClock(Date.now());
    store = new SessionStore(clock.now);
    hubAnswer = () => Promise.resolve({ name: 'bob', groups: [], scopes: ['access:servers!user=alice'] });
    const log = new Logger(new LineSink());
    const verifier = new SessionVerifier(
      store,
      () => hubAnswer(),
      (u) => u.scopes.length > 0,
      log,
      {
        recheckMs: 300_000,
        retryMs: 30_000,
        now: clock.now,
      },
    );
    tracker = new IdleTracker(1_000);
    activity = 0;
    sockets = new PageSockets({
      config,
      verifier,
      tracker,
      onActivity: () => activity++,
      hubVersion: () => '3.0.0',
      log,
      limits: { ...DEFAULT_SOCKET_LIMITS, perSession: 2 },
    });
    http = createServer((_req, res) => res.writeHead(404).end());
    http.on('upgrade', (req, socket, head: Buffer) => sockets.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/user/alice/api/ws`;
  });

  afterEach(async () => {
    await sockets.closeAll(1001, 'test over', 200);
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });

  function open(sessionId: string, options: { autoPong?: boolean } = {}): PageSocket {
    return new PageSocket(new WebSocket(url, { headers: { Cookie: `isobar-session=${sessionId}` }, ...options }));
  }

  async function openLive(sessionId: string): Promise<PageSocket> {
    const socket = open(sessionId);
    await socket.opened;
    assert.equal((await socket.next()).type, 'hello');
    return socket;
  }

  it('tracks open pages for idle shutdown and counts keepalives as activity', async () => {
    const session = store.create('bob', [], 'at');
    const socket = await openLive(session.id);
    assert.equal(tracker.openConnections, 1);
    assert.equal(sockets.openCount, 1);
    const before = activity;
    socket.send({ type: 'keepalive' });
    assert.equal((await socket.next()).type, 'alive');
    assert.equal(activity, before + 1);
    socket.ws.close();
    await socket.closed;
    await sleep(20);
    assert.equal(tracker.openConnections, 0);
  });

  it('closes the page with 4401 when the re-check finds the token revoked', async () => {
    const session = store.create('bob', [], 'at');
    const socket = await openLive(session.id);
    hubAnswer = () => Promise.reject(new TokenRejectedError(403));
    clock.advance(300_000);
    socket.send({ type: 'keepalive' });
    assert.equal((await socket.closed).code, CLOSE_SESSION_ENDED);
  });

  it('closes the page with 4403 when the visitor lost access', async () => {
    const session = store.create('bob', [], 'at');
    const socket = await openLive(session.id);
    hubAnswer = () => Promise.resolve({ name: 'bob', groups: [], scopes: [] });
    clock.advance(300_000);
    socket.send({ type: 'keepalive' });
    assert.equal((await socket.closed).code, CLOSE_ACCESS_WITHDRAWN);
  });

  it('keeps the page open while the hub is unreachable', async () => {
    const session = store.create('bob', [], 'at');
    const socket = await openLive(session.id);
    hubAnswer = () => Promise.reject(new HubUnreachableError('restarting'));
    clock.advance(300_000);
    socket.send({ type: 'keepalive' });
    assert.equal((await socket.next()).type, 'alive');
    await sleep(50);
    assert.equal(socket.ws.readyState, WebSocket.OPEN);
    socket.ws.close();
  });

  it('terminates a page whose browser stopped answering pings', async function () {
    this.timeout(6_000);
    const session = store.create('bob', [], 'at');
    const socket = open(session.id, { autoPong: false });
    await socket.opened;
    assert.equal(tracker.openConnections, 1);
    const closed = await socket.closed;
    assert.equal(closed.code, 1006, 'cut without a closing handshake');
    await sleep(20);
    assert.equal(tracker.openConnections, 0);
  });

  it('refuses more pages per session than allowed (429)', async () => {
    const session = store.create('bob', [], 'at');
    const first = await openLive(session.id);
    const second = await openLive(session.id);
    assert.equal(await open(session.id).refused, 429);
    first.ws.close();
    second.ws.close();
  });

  it('closes every page with 1001 when shutting down, and refuses new ones', async () => {
    const session = store.create('bob', [], 'at');
    const socket = await openLive(session.id);
    await sockets.closeAll(1001, 'server shutting down', 500);
    assert.equal((await socket.closed).code, 1001);
    assert.equal(await open(session.id).refused, 503);
  });
});
