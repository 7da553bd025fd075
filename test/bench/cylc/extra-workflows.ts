/**
 * Nine more running copies of the clouds fixture for the owner
 * (`bench/w01`…`bench/w09`), so the owner has 11 running workflows with
 * clouds and winds. Installed and played as the owner through the bed's
 * `cylc.sh as`, stopped and removed again afterwards; a leftover of an
 * interrupted run is removed first, so the one-workflow case is honest.
 */
import { existsSync, readdirSync } from 'node:fs';
import { bed, waitFor } from '../../lib/bed';
import { runDir } from '../../lib/cylc';
import { CLOUDS, OWNER } from './targets';

const GROUP = 'bench';
const GROUP_DIR = `/home/${OWNER}/cylc-run/${GROUP}`;
const SOURCE = `/home/${OWNER}/cylc-src/${CLOUDS}`;

export function extraWorkflowNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${GROUP}/w${String(i + 1).padStart(2, '0')}`);
}

export function workflowId(name: string): string {
  return `~${OWNER}/${name}/run1`;
}

function asOwner(...command: string[]): void {
  bed('cylc.sh', ['as', OWNER, ...command]);
}

function contactFile(name: string): string {
  return `${runDir(OWNER, name)}/.service/contact`;
}

/** Installs and plays each copy; `cylc play` returns once its scheduler has daemonised. */
export function playExtraWorkflows(names: readonly string[]): void {
  for (const name of names) {
    asOwner('cylc', 'install', `--workflow-name=${name}`, SOURCE);
    asOwner('cylc', 'play', name);
  }
}

/** Every copy installed, this run's or an interrupted run's. */
function installedExtraWorkflows(): string[] {
  return existsSync(GROUP_DIR) ? readdirSync(GROUP_DIR).map((entry) => `${GROUP}/${entry}`) : [];
}

/** Stops every copy that runs, waits for its contact file to go (the scheduler has exited), then removes them all. */
export async function removeExtraWorkflows(): Promise<void> {
  const running = installedExtraWorkflows().filter((name) => existsSync(contactFile(name)));
  for (const name of running) {
    try {
      asOwner('cylc', 'stop', '--now', '--now', name);
    } catch (err) {
      // Already stopping or gone: the wait below tells.
      console.error(`cylc stop ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  for (const name of running) {
    await waitFor(`${name} to stop`, () => (existsSync(contactFile(name)) ? undefined : true), 60_000, 250);
  }
  // Removing a run directory under a live scheduler would leave it writing into nothing.
  if (existsSync(GROUP_DIR)) asOwner('rm', '-rf', GROUP_DIR);
}
