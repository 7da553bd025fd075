import assert from 'node:assert/strict';
import {
  ElevationMachine,
  elevateUrl,
  formatRemaining,
  grantExtensions,
  grantHeaders,
  parseElevationStatus,
  parseGrantAnswer,
  type Answer,
  type ElevationOptions,
  type Level,
} from '../../web/src/model/elevation';

/** Lets promise callbacks (the fake server's answers) run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

interface Timer {
  readonly id: number;
  readonly due: number;
  readonly run: () => void;
}

/** A clock and timers that move only when told to. */
class FakeTime {
  now = 1_800_000_000_000;
  private timers: Timer[] = [];
  private nextId = 1;

  schedule = (run: () => void, ms: number): number => {
    const id = this.nextId;
    this.nextId += 1;
    this.timers.push({ id, due: this.now + Math.max(0, ms), run });
    return id;
  };

  cancel = (handle: unknown): void => {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  };

  /** Runs every timer due within `ms`, in order, letting answers arrive in between. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      const next = [...this.timers].sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next || next.due > end) break;
      this.timers = this.timers.filter((timer) => timer !== next);
      this.now = Math.max(this.now, next.due);
      next.run();
      await flush();
    }
    this.now = end;
    await flush();
  }
}

/** The hub-service as the page sees it, with its own clock `skewMs` ahead of the browser's. */
class FakeHub {
  level: Level = 'read';
  /** In the hub's clock. */
  expiresAt = 0;
  grantLifetimeMs = 30_000;
  grantStatus = 200;
  statusCalls: number[] = [];
  grantCalls: number[] = [];
  dropCalls: number[] = [];
  audiences: string[] = [];
  issued = 0;
  /** Answers held back until released (to test answers arriving late). */
  holdStatus = false;
  private held: (() => void)[] = [];

  constructor(
    private readonly time: FakeTime,
    private readonly skewMs = 0,
  ) {}

  private get hubNow(): number {
    return this.time.now + this.skewMs;
  }

  elevate(level: Level, seconds: number): void {
    this.level = level;
    this.expiresAt = this.hubNow + seconds * 1000;
  }

  private current(): Level {
    if (this.level !== 'read' && this.hubNow >= this.expiresAt) this.level = 'read';
    return this.level;
  }

  fetchStatus = (): Promise<Answer> => {
    this.statusCalls.push(this.time.now);
    // The answer is made when the request arrives, whenever it is delivered.
    const level = this.current();
    const body =
      level === 'read'
        ? { level: 'read' }
        : {
            level,
            expiresAt: new Date(this.expiresAt).toISOString(),
            remainingSeconds: Math.max(0, Math.floor((this.expiresAt - this.hubNow) / 1000)),
          };
    const answer = { status: 200, body };
    if (!this.holdStatus) return Promise.resolve(answer);
    return new Promise((resolve) => this.held.push(() => resolve(answer)));
  };

  release(): void {
    const held = this.held;
    this.held = [];
    for (const deliver of held) deliver();
  }

  fetchGrant = (audience: string): Promise<Answer> => {
    this.grantCalls.push(this.time.now);
    this.audiences.push(audience);
    if (this.grantStatus !== 200) {
      return Promise.resolve({
        status: this.grantStatus,
        body: { status: this.grantStatus, code: 'NOT_ELEVATED', message: 'Raise your privileges first.' },
      });
    }
    const level = this.current();
    if (level === 'read') return Promise.resolve({ status: 403, body: { code: 'NOT_ELEVATED', message: 'Raise your privileges first.' } });
    this.issued += 1;
    const exp = Math.floor(Math.min(this.hubNow + this.grantLifetimeMs, this.expiresAt) / 1000) * 1000;
    return Promise.resolve({
      status: 200,
      body: {
        grant: `grant-${this.issued}`,
        level,
        audience,
        expiresAt: new Date(exp).toISOString(),
        elevationExpiresAt: new Date(this.expiresAt).toISOString(),
      },
    });
  };

  postDrop = (): Promise<Answer> => {
    this.dropCalls.push(this.time.now);
    this.level = 'read';
    return Promise.resolve({ status: 200, body: { level: 'read' } });
  };
}

function setup(options: Partial<ElevationOptions> = {}, skewMs = 0): { time: FakeTime; hub: FakeHub; machine: ElevationMachine } {
  const time = new FakeTime();
  const hub = new FakeHub(time, skewMs);
  const machine = new ElevationMachine(
    {
      now: () => time.now,
      schedule: time.schedule,
      cancel: time.cancel,
      fetchStatus: hub.fetchStatus,
      fetchGrant: hub.fetchGrant,
      postDrop: hub.postDrop,
    },
    { audience: 'atmosphere_stage', ...options },
  );
  return { time, hub, machine };
}

describe('elevation', () => {
  it('starts read-only and asks the hub-service every few seconds', async () => {
    const { time, hub, machine } = setup();
    assert.equal(machine.state.level, 'read');
    assert.equal(machine.state.known, false);
    await machine.start();
    assert.equal(machine.state.level, 'read');
    assert.equal(machine.state.known, true);
    await time.advance(20_000);
    assert.deepEqual(
      hub.statusCalls.map((at) => at - hub.statusCalls[0]!),
      [0, 5_000, 10_000, 15_000, 20_000],
    );
    assert.equal(hub.grantCalls.length, 0, 'no grants while read-only');
    assert.equal(machine.grant(), undefined);
    assert.equal(machine.remainingSeconds(), 0);
    machine.stop();
  });

  it('fetches a grant at once when elevated, then every min(15 s, lifetime / 2)', async () => {
    const { time, hub, machine } = setup();
    hub.elevate('execute', 900);
    const start = time.now;
    await machine.start();
    assert.equal(machine.state.level, 'execute');
    assert.equal(machine.grant(), 'grant-1');
    assert.equal(machine.grantLevel(), 'execute');
    assert.deepEqual(hub.audiences, ['atmosphere_stage']);
    await time.advance(46_000);
    // 30 s grants: every 15 s.
    assert.deepEqual(
      hub.grantCalls.map((at) => at - start),
      [0, 15_000, 30_000, 45_000],
    );
    assert.equal(machine.grant(), 'grant-4');

    // Short grants are refreshed at half their lifetime.
    hub.grantLifetimeMs = 10_000;
    hub.grantCalls = [];
    const from = time.now;
    await time.advance(15_000);
    assert.deepEqual(
      hub.grantCalls.map((at) => at - from),
      [14_000],
    );
    await time.advance(10_000);
    assert.deepEqual(
      hub.grantCalls.map((at) => at - from),
      [14_000, 19_000, 24_000],
    );
    machine.stop();
  });

  it('computes the refresh interval from the lifetime', () => {
    const { machine } = setup();
    assert.equal(machine.grantInterval(30_000), 15_000);
    assert.equal(machine.grantInterval(120_000), 15_000);
    assert.equal(machine.grantInterval(10_000), 5_000);
    assert.equal(machine.grantInterval(500), 1_000, 'never hammers the hub-service');
  });

  it('counts down and drops to read-only by itself at the expiry time, without waiting for a poll', async () => {
    // Polls far apart: only the local timer can end it on time.
    const { time, hub, machine } = setup({ statusEveryMs: 60_000 });
    hub.elevate('execute', 5);
    const changes: Level[] = [];
    machine.onChange((state) => changes.push(state.level));
    await machine.start();
    assert.equal(machine.state.level, 'execute');
    assert.equal(machine.remainingSeconds(), 5);
    await time.advance(2_500);
    assert.equal(machine.remainingSeconds(), 3);
    assert.equal(machine.state.level, 'execute');
    await time.advance(2_499);
    assert.equal(machine.state.level, 'execute');
    assert.equal(machine.remainingSeconds(), 1);
    await time.advance(1);
    assert.equal(machine.state.level, 'read', 'read-only at the expiry time');
    assert.equal(machine.state.expiresAt, undefined);
    assert.equal(machine.grant(), undefined, 'the grant goes with it');
    assert.equal(machine.grantLevel(), 'read');
    assert.equal(machine.remainingSeconds(), 0);
    assert.deepEqual(changes.at(-1), 'read');
    const grants = hub.grantCalls.length;
    await time.advance(120_000);
    assert.equal(machine.state.level, 'read', 'stays read-only');
    assert.equal(hub.grantCalls.length, grants, 'no more grants asked for');
    machine.stop();
  });

  it('ends on time when timers were held back (a hidden tab)', async () => {
    const { time, hub, machine } = setup({ statusEveryMs: 60_000 });
    hub.elevate('write', 5);
    await machine.start();
    machine.stop();
    // Time passes, no timer runs.
    time.now += 6_000;
    assert.equal(machine.grant(), undefined, 'an expired grant is never handed out');
    machine.check();
    assert.equal(machine.state.level, 'read');
  });

  it('keeps the grant in memory only', async () => {
    const writes: string[] = [];
    const storage = {
      setItem: (key: string) => writes.push(key),
      getItem: () => null,
      removeItem: () => undefined,
      clear: () => undefined,
      key: () => null,
      length: 0,
    };
    const global = globalThis as Record<string, unknown>;
    const saved = { localStorage: global.localStorage, sessionStorage: global.sessionStorage };
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true, writable: true });
    Object.defineProperty(globalThis, 'sessionStorage', { value: storage, configurable: true, writable: true });
    try {
      const { time, hub, machine } = setup();
      hub.elevate('execute', 900);
      await machine.start();
      await time.advance(40_000);
      assert.equal(machine.grant(), 'grant-3');
      assert.deepEqual(writes, []);
      machine.stop();
    } finally {
      Object.defineProperty(globalThis, 'localStorage', { value: saved.localStorage, configurable: true, writable: true });
      Object.defineProperty(globalThis, 'sessionStorage', { value: saved.sessionStorage, configurable: true, writable: true });
    }
  });

  for (const status of [401, 403]) {
    it(`goes read-only when api/grants answers ${status} (dropped elsewhere, revoked, signed out)`, async () => {
      const { time, hub, machine } = setup({ statusEveryMs: 60_000 });
      hub.elevate('execute', 900);
      await machine.start();
      assert.equal(machine.grant(), 'grant-1');
      hub.grantStatus = status;
      await time.advance(15_000);
      assert.equal(machine.state.level, 'read');
      assert.equal(machine.grant(), undefined);
      const calls = hub.grantCalls.length;
      await time.advance(30_000);
      assert.equal(hub.grantCalls.length, calls, 'no retries once read-only');
      machine.stop();
    });
  }

  it('goes read-only when api/elevation says read (a revocation seen by the poll)', async () => {
    const { time, hub, machine } = setup();
    hub.elevate('execute', 900);
    await machine.start();
    hub.level = 'read';
    await time.advance(5_000);
    assert.equal(machine.state.level, 'read');
    assert.equal(machine.grant(), undefined);
    machine.stop();
  });

  it('keeps the elevation through a failing hub-service, until its own expiry', async () => {
    const { time, hub, machine } = setup();
    hub.elevate('execute', 20);
    await machine.start();
    hub.grantStatus = 502;
    await time.advance(15_000);
    assert.equal(machine.state.level, 'execute');
    assert.match(machine.state.problem, /could not get a grant/);
    // Retried sooner than the usual 15 s.
    assert.ok(hub.grantCalls.length >= 3, `grant calls: ${hub.grantCalls.length}`);
    await time.advance(5_000);
    assert.equal(machine.state.level, 'read');
    machine.stop();
  });

  it('drops at once, before the hub-service answers, and ignores answers sent before', async () => {
    const { time, hub, machine } = setup();
    hub.elevate('execute', 900);
    await machine.start();
    // A poll on its way when the person drops: it still says execute.
    hub.holdStatus = true;
    const poll = machine.refresh();
    hub.holdStatus = false;
    const dropping = machine.drop();
    assert.equal(machine.state.level, 'read', 'read-only before any answer');
    assert.equal(machine.grant(), undefined);
    hub.release();
    await poll;
    await dropping;
    assert.equal(machine.state.level, 'read', 'the stale answer does not raise it again');
    assert.equal(hub.dropCalls.length, 1);
    await time.advance(20_000);
    assert.equal(machine.state.level, 'read');
    machine.stop();
  });

  it('follows an elevation raised again in another tab', async () => {
    const { time, hub, machine } = setup();
    await machine.start();
    hub.elevate('write', 600);
    await time.advance(5_000);
    assert.equal(machine.state.level, 'write');
    assert.equal(machine.grantLevel(), 'write');
    assert.equal(machine.remainingSeconds(), 595, 'raised 5 s before the poll');
    machine.stop();
  });

  it('counts down in the browser clock when the hub-service clock is off', async () => {
    const { time, hub, machine } = setup({ statusEveryMs: 60_000 }, 90_000);
    hub.elevate('execute', 10);
    await machine.start();
    assert.equal(machine.state.level, 'execute');
    assert.ok(machine.grant(), 'the grant is valid in the browser clock too');
    assert.ok(Math.abs(machine.remainingSeconds() - 10) <= 1, `remaining ${machine.remainingSeconds()}`);
    await time.advance(9_000);
    assert.equal(machine.state.level, 'execute');
    await time.advance(2_000);
    assert.equal(machine.state.level, 'read');
    machine.stop();
  });

  it('asks for no grant without an owner to ask it for', async () => {
    const { hub, machine } = setup({ audience: '' });
    hub.elevate('execute', 900);
    await machine.start();
    assert.equal(machine.state.level, 'execute');
    assert.equal(hub.grantCalls.length, 0);
    assert.equal(machine.grant(), undefined);
    machine.stop();
  });

  it('reads the hub-service answers strictly', () => {
    assert.deepEqual(parseElevationStatus({ level: 'read' }), { level: 'read', expiresAt: undefined, remainingSeconds: undefined });
    assert.equal(parseElevationStatus({ level: 'root' }), undefined);
    assert.equal(parseElevationStatus('<html>'), undefined);
    assert.equal(parseGrantAnswer({ grant: 'x', level: 'execute' }), undefined, 'no expiry, no grant');
    assert.equal(parseGrantAnswer({ grant: '', level: 'execute', expiresAt: '2026-11-26T10:00:00Z' }), undefined);
    assert.equal(
      parseGrantAnswer({ grant: 'x', level: 'execute', expiresAt: '2026-11-26T10:00:00Z' })?.expiresAt,
      Date.parse('2026-11-26T10:00:00Z'),
    );
  });

  it('builds the elevate URL, the grant header and the countdown text', () => {
    assert.equal(
      elevateUrl('execute', { pathname: '/user/atmosphere_stage/', search: '?x=1', hash: '#/workflow/~atmosphere_stage%2Fclouds' }),
      `/services/isobar/elevate?level=execute&next=${encodeURIComponent('/user/atmosphere_stage/?x=1#/workflow/~atmosphere_stage%2Fclouds')}`,
    );
    assert.deepEqual(grantHeaders('jwt'), { 'X-Isobar-Grant': 'jwt' });
    assert.deepEqual(grantHeaders(undefined), {});
    assert.deepEqual(grantExtensions('jwt'), { grant: 'jwt' });
    assert.equal(grantExtensions(undefined), undefined);
    assert.equal(formatRemaining(900), '15:00');
    assert.equal(formatRemaining(65), '01:05');
    assert.equal(formatRemaining(0), '00:00');
    assert.equal(formatRemaining(-3), '00:00');
  });
});
