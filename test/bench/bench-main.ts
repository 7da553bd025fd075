/**
 * What every benchmark program shares: a hub that keeps its servers for the
 * whole run, and an exit once the results are written.
 */
import { E2E_SITE, startHub, stopHub, writeSite } from '../lib/bed';

/** Restarts the hub with the test bed's site config, with no idle shutdown: a server must be the same process throughout. */
export function startBenchHub(): void {
  writeSite(E2E_SITE, { idleTimeout: 3600, keepalive: 30, pollInterval: 30 });
  stopHub();
  startHub(E2E_SITE);
}

/** Runs `main`, then exits: the results are written, and a socket some library keeps alive must not hold the run. */
export function runBenchmark(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
