/**
 * The precedence of site → user → workflow with real groups: unix groups
 * (/etc/group, test/bed/users.sh) and LDAP groups (the bed's slapd,
 * test/bed/ldap.sh), as the hub-service's role providers find them, decided
 * by atmosphere_stage's real UI server. Each person raises to write first,
 * so what `api/permissions` offers is what the policy allows.
 *
 *   jacintar  unix forecast-duty; LDAP forecasters, atmosphere-ops
 *   alice     LDAP forecasters
 *   bob       unix forecast-duty; LDAP oceans-ops
 *   oceans_stage  no group
 */
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PUBLIC_URL, password, waitFor } from '../lib/bed';
import { expectSelector, loginInBrowser, openBrowser } from '../lib/browser';
import { freshPausedWorkflows, runDir, stopWorkflows } from '../lib/cylc';
import { elevate, grantFor } from '../lib/elevation';
import { HubSession } from '../lib/http-session';

const OWNER = 'atmosphere_stage';
const HOME = `/home/${OWNER}`;
const CLOUDS = `~${OWNER}/clouds/run1`;
const WINDS = `~${OWNER}/winds/run1`;

/** The owner's layer, the seed's second sentence and more: read-only to one role, stop/start to nobody else. */
const USER_LAYER = `${HOME}/.isobar/authz.yaml`;
const USER_POLICY = `grants:
  '*': []
  'role:forecasters': [READ]
  'group:forecast-duty': [READ, hold, release]
  'role:atmosphere-ops': [READ, CONTROL, '!remove']
`;
/** The seed's third sentence: one workflow so sensitive that only its owner can read it. */
const WINDS_LAYER = `${HOME}/cylc-run/winds/.isobar/authz.yaml`;
const WINDS_POLICY = "grants:\n  '*': []\n";

interface Row {
  readonly person: string;
  readonly workflow: string;
  readonly allowed: readonly string[];
  readonly refused: readonly string[];
  readonly why: string;
}

const table: readonly Row[] = [
  {
    person: 'jacintar',
    workflow: CLOUDS,
    allowed: ['workflows', 'hold', 'release', 'kill', 'stop', 'play', 'poll', 'reload'],
    refused: ['remove', 'broadcast', 'edit_trigger'],
    why: 'LDAP atmosphere-ops gives CONTROL (Cylc\'s: every mutation but broadcast) but its "!remove"',
  },
  {
    person: 'alice',
    workflow: CLOUDS,
    allowed: ['workflows', 'jobs'],
    refused: ['hold', 'stop', 'play', 'kill'],
    why: 'LDAP forecasters: read only; the site default of stop/start is replaced by the owner\'s "*"',
  },
  {
    person: 'bob',
    workflow: CLOUDS,
    allowed: ['workflows', 'hold', 'release'],
    refused: ['kill', 'stop', 'play', 'remove'],
    why: 'unix forecast-duty: read, hold and release; his LDAP group is not named',
  },
  {
    person: 'oceans_stage',
    workflow: CLOUDS,
    allowed: [],
    refused: ['workflows', 'hold', 'stop'],
    why: 'no group: the owner\'s "*" gives nothing',
  },
  { person: 'jacintar', workflow: WINDS, allowed: [], refused: ['workflows', 'hold'], why: "winds' own layer: only the owner" },
  { person: 'bob', workflow: WINDS, allowed: [], refused: ['workflows', 'hold'], why: "winds' own layer: only the owner" },
  {
    person: OWNER,
    workflow: WINDS,
    allowed: ['workflows', 'hold', 'broadcast', 'edit_trigger', 'remove'],
    refused: [],
    why: 'the owner always has everything on their own workflows',
  },
];

/** Writes a layer file as the owner's own, not writable by others (anything else is refused as a whole). */
function writeOwnersFile(file: string, text: string): void {
  const { uid, gid } = statSync(HOME);
  mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
  chownSync(dirname(file), uid, gid);
  writeFileSync(file, text, { mode: 0o644 });
  chownSync(file, uid, gid);
}

describe('precedence with real unix and LDAP groups', function () {
  this.timeout(180_000);
  const sessions = new Map<string, { session: HubSession; grant: string }>();

  before(async function () {
    this.timeout(240_000);
    freshPausedWorkflows('clouds', 'winds');
    writeOwnersFile(USER_LAYER, USER_POLICY);
    writeOwnersFile(WINDS_LAYER, WINDS_POLICY);
    assert.ok(statSync(runDir(OWNER, 'winds')).isDirectory());
    for (const person of new Set(table.map((row) => row.person))) {
      const session = new HubSession(PUBLIC_URL);
      await session.login(person, password(person));
      assert.equal((await session.open(`/user/${OWNER}/`)).status, 200);
      await elevate(session, OWNER, 'write', password(person));
      sessions.set(person, { session, grant: (await grantFor(session, OWNER)).grant });
    }
  });

  after(function () {
    this.timeout(120_000);
    rmSync(USER_LAYER, { force: true });
    rmSync(dirname(WINDS_LAYER), { recursive: true, force: true });
    stopWorkflows('clouds', 'winds');
  });

  for (const row of table) {
    const name = row.workflow === CLOUDS ? 'clouds' : 'winds';
    it(`${row.person} on ${name}: ${row.why}`, async () => {
      const entry = sessions.get(row.person);
      assert.ok(entry);
      const reply = await entry.session.json(`/user/${OWNER}/api/permissions?workflow=${encodeURIComponent(row.workflow)}`, {
        headers: { 'x-isobar-grant': entry.grant },
      });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      const { level, operations, roleErrors } = reply.body as { level: string; operations: Record<string, boolean>; roleErrors: string[] };
      assert.equal(level, 'write');
      assert.deepEqual(roleErrors, [], 'every role provider answered');
      const wrong = [
        ...row.allowed.filter((op) => operations[op] !== true).map((op) => `${op} should be allowed`),
        ...row.refused.filter((op) => operations[op] !== false).map((op) => `${op} should be refused`),
      ];
      assert.deepEqual(wrong, [], JSON.stringify(operations));
    });
  }

  it('a workflow layer others could write is refused as a whole: that layer denies (fail closed)', async () => {
    const entry = sessions.get('jacintar');
    assert.ok(entry);
    const mayRead = async (): Promise<boolean | undefined> => {
      const reply = await entry.session.json(`/user/${OWNER}/api/permissions?workflow=${encodeURIComponent(CLOUDS)}`, {
        headers: { 'x-isobar-grant': entry.grant },
      });
      return (reply.body as { operations: Record<string, boolean> }).operations['workflows'];
    };
    const cloudsLayer = `${HOME}/cylc-run/clouds/.isobar/authz.yaml`;
    writeOwnersFile(cloudsLayer, "grants:\n  '*': [READ]\n");
    try {
      await waitFor('the readable layer to apply', async () => ((await mayRead()) === true ? true : undefined), 20_000, 500);
      chmodSync(cloudsLayer, 0o664);
      await waitFor('the group-writable layer to be refused', async () => ((await mayRead()) === false ? true : undefined), 20_000, 500);
    } finally {
      rmSync(dirname(cloudsLayer), { recursive: true, force: true });
    }
  });

  it('the owner sees who can do what in the UI; others are not offered it', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await loginInBrowser(page, OWNER);
      const view = `${PUBLIC_URL}/user/${OWNER}/#/workflow/${encodeURIComponent(CLOUDS)}`;
      await page.goto(view);
      await expectSelector(page, '[data-access-link]', 60_000);
      await page.goto(`${view}/access`);
      await expectSelector(page, '[data-access-table] [data-access-row]', 20_000);
      const levelOf = async (subject: string): Promise<string | null> =>
        page.getAttribute(`[data-access-row][data-subject="${subject}"] [data-access-level]`, 'data-access-level');
      assert.equal(await levelOf('role:forecasters'), 'read');
      assert.equal(await levelOf('role:forecast-duty'), 'execute');
      // CONTROL, as Cylc has it, includes reload: a write operation.
      assert.equal(await levelOf('role:atmosphere-ops'), 'write');
      assert.equal(await levelOf('*'), 'none');
      assert.equal(await page.locator('[data-access-layer][data-layer="user"][data-present="true"]').count(), 1);
      assert.equal(await page.locator('[data-access-problem]').count(), 0);
      const opsCell = '[data-access-row][data-subject="role:atmosphere-ops"] [data-access-group="execute"]';
      assert.equal(await page.getAttribute(opsCell, 'data-summary'), 'some', 'CONTROL without remove');

      // A layer file others could write is refused as a whole, and the owner is shown why.
      chmodSync(WINDS_LAYER, 0o666);
      try {
        await page.goto(`${PUBLIC_URL}/user/${OWNER}/#/workflow/${encodeURIComponent(WINDS)}/access`);
        await expectSelector(page, '[data-access-problem]', 20_000);
        assert.match((await page.textContent('[data-access-problem]')) ?? '', /winds\/\.isobar\/authz\.yaml/);
      } finally {
        chmodSync(WINDS_LAYER, 0o644);
      }

      await loginInBrowser(page, 'jacintar');
      await page.goto(view);
      await expectSelector(page, '[data-workflow-view]', 60_000);
      assert.equal(await page.locator('[data-access-link]').count(), 0, 'not offered to a visitor');
    } finally {
      await browser.close();
    }
  });
});
