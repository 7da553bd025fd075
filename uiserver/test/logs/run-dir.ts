import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Text outside every log directory: no answer may ever contain it. */
export const SECRET = 'the-secret-outside-the-log-dir';

/**
 * A temporary home shaped like Cylc's:
 *
 *     secret.txt                                (outside cylc-run)
 *     cylc-run/clouds/runN -> run1
 *     cylc-run/clouds/run1/log/scheduler/01-start-01.log, log -> 01-start-01.log
 *     cylc-run/clouds/run1/log/job/1/climb/01/{job,job.out,job.err}
 *     cylc-run/clouds/run1/log/job/1/climb/02/job.out
 *     cylc-run/clouds/run1/log/job/1/climb/NN -> 02
 *     cylc-run/clouds/run1/log/job/1/climb/01/escape.out -> <home>/secret.txt
 *     cylc-run/clouds/run1/log/job/1/climb/01/share.out -> ../../../../../share/data.txt (in the run, not in log/)
 *     cylc-run/clouds/run1/log/job/1/leak -> <home>/outside (a directory elsewhere)
 */
export class RunDirFixture {
  private constructor(readonly home: string) {}

  static async create(): Promise<RunDirFixture> {
    const fixture = new RunDirFixture(await mkdtemp(join(tmpdir(), 'isobar-logs-')));
    await fixture.populate();
    return fixture;
  }

  get cylcRun(): string {
    return join(this.home, 'cylc-run');
  }

  get runDir(): string {
    return join(this.cylcRun, 'clouds', 'run1');
  }

  /** A path inside the run's log directory. */
  log(...parts: string[]): string {
    return join(this.runDir, 'log', ...parts);
  }

  async remove(): Promise<void> {
    await rm(this.home, { recursive: true, force: true });
  }

  private async populate(): Promise<void> {
    await writeFile(join(this.home, 'secret.txt'), SECRET);
    await mkdir(join(this.home, 'outside', '01'), { recursive: true });
    await writeFile(join(this.home, 'outside', '01', 'job.out'), SECRET);
    await mkdir(this.log('scheduler'), { recursive: true });
    await writeFile(this.log('scheduler', '01-start-01.log'), 'scheduler started\n');
    await symlink('01-start-01.log', this.log('scheduler', 'log'));
    await mkdir(this.log('job', '1', 'climb', '01'), { recursive: true });
    await mkdir(this.log('job', '1', 'climb', '02'), { recursive: true });
    await writeFile(this.log('job', '1', 'climb', '01', 'job'), '#!/bin/bash\n');
    await writeFile(this.log('job', '1', 'climb', '01', 'job.out'), 'first try\n');
    await writeFile(this.log('job', '1', 'climb', '01', 'job.err'), '');
    await writeFile(this.log('job', '1', 'climb', '02', 'job.out'), 'second try\n');
    await symlink('02', this.log('job', '1', 'climb', 'NN'));
    await symlink(join(this.home, 'secret.txt'), this.log('job', '1', 'climb', '01', 'escape.out'));
    await mkdir(join(this.runDir, 'share'), { recursive: true });
    await writeFile(join(this.runDir, 'share', 'data.txt'), SECRET);
    await symlink('../../../../../share/data.txt', this.log('job', '1', 'climb', '01', 'share.out'));
    await symlink(join(this.home, 'outside'), this.log('job', '1', 'leak'));
    await symlink('run1', join(this.cylcRun, 'clouds', 'runN'));
  }
}
