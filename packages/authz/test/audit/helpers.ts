/** Temporary chain files and records for the audit tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditRecord } from '../../src/audit/record';

export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'isobar-audit-'));

  file(name: string): string {
    return join(this.path, name);
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** The n-th action of a run of records on atmosphere_stage's clouds. */
export function action(n: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    time: new Date(Date.UTC(2026, 10, 26, 10, 0, n)).toISOString(),
    person: 'jacintar',
    operation: n % 2 === 0 ? 'hold' : 'release',
    target: { owner: 'atmosphere_stage', workflow: 'clouds', task: 'climb', cycle: String(1000 + n) },
    level: 'execute',
    session: 'elev-1',
    grant: `grant-${n}`,
    result: 'ok',
    ...overrides,
  };
}
