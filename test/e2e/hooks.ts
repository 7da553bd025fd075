/**
 * Root hooks of the end-to-end suite: the test bed's hosts and a hub with
 * short timings (idle 10 s, keep-alive 2 s, poll 2 s) so idle shutdown and
 * poll can be watched within a test run.
 */
import { E2E_SITE, bed, startHosts, startHub, writeSite } from '../lib/bed';

export const E2E_TIMINGS = { idleTimeout: 10, keepalive: 2, pollInterval: 2 };

export const mochaHooks = {
  beforeAll(this: Mocha.Context) {
    this.timeout(180_000);
    // Start from a clean slate: no hub, no UI servers left from an earlier run.
    bed('down.sh');
    writeSite(E2E_SITE, E2E_TIMINGS);
    // The test directory for LDAP groups (down.sh stopped it).
    bed('ldap.sh', ['start']);
    startHosts();
    startHub(E2E_SITE);
  },
  afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    bed('down.sh');
  },
};
