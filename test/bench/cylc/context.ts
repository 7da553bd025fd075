/** What every section of the Cylc benchmarks works with. */
import type { TimedPoster } from './http-post';
import type { Report } from './report';
import type { SignedInOwner } from './signed-in-owner';

export interface BenchContext {
  readonly report: Report;
  readonly owner: SignedInOwner;
  /** Queries straight at the owner's server, for checks between measurements. */
  readonly poster: TimedPoster;
  readonly hubVersion: string;
}
