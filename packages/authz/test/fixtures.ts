/** Config files in a temporary directory and an Authorizer reading them, as the tests need. */
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Authorizer } from '../src/authorizer';
import { fixedLocations } from '../src/config/locations';

export const OWNER = 'atmosphere_stage';

export interface Layers {
  readonly site: string;
  readonly user?: string;
  readonly workflow?: string;
}

export class ConfigDir {
  readonly path = mkdtempSync(join(tmpdir(), 'isobar-authz-'));

  write(name: string, text: string, mode = 0o644): string {
    const file = join(this.path, name);
    writeFileSync(file, text);
    chmodSync(file, mode);
    return file;
  }

  authorizer(layers: Layers, recheckIntervalMs = 0): Authorizer {
    const site = this.write('site.yaml', layers.site);
    const user = layers.user === undefined ? undefined : this.write('user.yaml', layers.user);
    const workflow = layers.workflow === undefined ? undefined : this.write('workflow.yaml', layers.workflow);
    return new Authorizer({ locations: fixedLocations({ site, user, workflow }), ownerUid: () => currentUid(), recheckIntervalMs });
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

export function currentUid(): number {
  return process.getuid?.() ?? 0;
}
