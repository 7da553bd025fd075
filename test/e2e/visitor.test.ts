/** jacintar opens atmosphere_stage's server: spawned as atmosphere_stage, visited by jacintar. */
import assert from 'node:assert/strict';
import { PUBLIC_URL, password } from '../lib/bed';
import { HubSession } from '../lib/http-session';
import { uiServers, uidOf } from '../lib/processes';

describe("visiting another owner's server", function () {
  this.timeout(90_000);

  it('jacintar opens /user/atmosphere_stage/: spawned as atmosphere_stage, page shows visitor jacintar and owner atmosphere_stage', async () => {
    const session = new HubSession(PUBLIC_URL);
    await session.login('jacintar', password('jacintar'));
    const visitorServers = uiServers('jacintar').length;
    const page = await session.open('/user/atmosphere_stage/');
    assert.equal(page.status, 200, `${page.url}\n${page.body.slice(0, 400)}`);
    assert.ok(!page.trail.some((u) => u.includes('/hub/api/oauth2/authorize') && u.includes('confirm')), 'no consent page');
    const who = (await session.json('/user/atmosphere_stage/api/whoami')).body as { visitor: string; owner: string };
    assert.equal(who.visitor, 'jacintar');
    assert.equal(who.owner, 'atmosphere_stage');
    const servers = uiServers('atmosphere_stage');
    assert.equal(servers.length, 1);
    assert.equal(servers[0]!.uid, uidOf('atmosphere_stage'));
    assert.equal(uiServers('jacintar').length, visitorServers, 'the visit started no server for the visitor');
  });

  it("a visitor without a hub login is sent to the hub's login page, not served", async () => {
    const session = new HubSession(PUBLIC_URL);
    const page = await session.get('/user/atmosphere_stage/');
    assert.match(page.url, /\/hub\/login/);
  });
});
