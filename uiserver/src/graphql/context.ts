import { GraphQLError } from 'graphql';
import type { Logger } from '../log';
import type { RequestAccess } from './authorizer';
import type { MutationRouting } from './mutation-routing';
import type { SchedulerClock } from './scheduler-clock';
import type { WorkflowControl, WorkflowSource } from './source';

/**
 * A guard on the size of one answer: documents are checked for depth and
 * width before they run, but lists multiply (every task's jobs' task's
 * jobs…), so the elements actually put into lists are counted too.
 */
export class ElementBudget {
  private used = 0;

  constructor(private readonly limit: number) {}

  charge(count: number): void {
    this.used += count;
    if (this.used > this.limit) {
      throw new GraphQLError(`The answer would hold more than ${this.limit} elements; ask for less (filters, fewer nested lists).`);
    }
  }
}

/** What resolvers see, one per execution. */
export interface GraphQLContext {
  readonly source: WorkflowSource;
  readonly visitor: string;
  /** What the visitor may do in this request; set for requests (not for live deltas). */
  readonly access?: RequestAccess | undefined;
  readonly budget: ElementBudget;
  /** Where each mutation field goes; set for mutation operations only. */
  readonly routing?: MutationRouting | undefined;
  readonly control?: WorkflowControl | undefined;
  readonly log?: Logger | undefined;
  /** Time spent waiting for schedulers, for Server-Timing. */
  readonly schedulerClock?: SchedulerClock | undefined;
}
