import { shallowRef, watch, type ShallowRef } from 'vue';
import { postGraphql } from './api';
import type { LiveStore } from './live';
import {
  effectSeen,
  interpretResponse,
  type ActionRequest,
  type ActionTarget,
  type BroadcastInput,
  type Observation,
  type Outcome,
} from './model/actions';
import { grantHeaders } from './model/elevation';

/** How long to wait for the live data to show an effect before saying it has not (yet). */
const EFFECT_PATIENCE_MS = 60_000;

/**
 * What the confirm dialog is asked about. Actions with parameters are
 * asked about with their inputs in the dialog, so the sentence saying what
 * will happen is always built from exactly what will be sent.
 */
export type PendingAction =
  | { readonly kind: 'fixed'; readonly request: ActionRequest }
  | { readonly kind: 'outputs'; readonly taskId: string; readonly make: (outputs: readonly string[]) => ActionRequest }
  | { readonly kind: 'broadcast'; readonly workflowId: string; readonly make: (input: BroadcastInput) => ActionRequest };

/** A pending action with a number, so each question gets a fresh dialog. */
export interface Question {
  readonly serial: number;
  readonly action: PendingAction;
}

export interface ActionStatus {
  readonly request: ActionRequest;
  readonly outcome: Outcome;
  readonly message: string;
}

/** Reads what the live data says about an action's target. */
export function observe(detail: LiveStore, target: ActionTarget): Observation {
  const data = detail.store.workflows.get(target.workflowId);
  if (!data) return { known: false, workflow: undefined, task: undefined, tasks: [], jobCount: 0 };
  const taskId = target.kind === 'task' ? target.taskId : undefined;
  return {
    known: true,
    workflow: data.workflow,
    task: taskId ? data.tasks.get(taskId) : undefined,
    tasks: [...data.tasks.values()],
    jobCount: taskId ? (data.jobsByTask.get(taskId)?.size ?? 0) : 0,
  };
}

/**
 * Runs operator actions: one at a time is asked about, one status is
 * shown (the latest), and a sent action turns "done" only when the live
 * data shows its effect, because the scheduler queues commands and may
 * still ignore them.
 */
export class ActionCenter {
  readonly pending: ShallowRef<Question | undefined> = shallowRef(undefined);
  readonly status: ShallowRef<ActionStatus | undefined> = shallowRef(undefined);
  private answered = false;
  private serial = 0;
  private patience: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly graphqlPath: string,
    private readonly detail: LiveStore,
    /** The grant to send with an action, read at the moment it is sent. */
    private readonly grant: () => string | undefined = () => undefined,
  ) {
    watch(detail.tick, () => this.checkEffect());
  }

  ask(action: PendingAction): void {
    this.serial += 1;
    this.pending.value = { serial: this.serial, action };
  }

  cancel(): void {
    this.pending.value = undefined;
  }

  async confirm(request: ActionRequest): Promise<void> {
    this.pending.value = undefined;
    this.answered = false;
    if (this.patience !== undefined) clearTimeout(this.patience);
    this.status.value = { request, outcome: 'sent', message: `${request.verb}: sending…` };
    const answer = await postGraphql(this.graphqlPath, request.query, request.variables, grantHeaders(this.grant()));
    // A newer action replaced this one while it was on its way.
    if (this.status.value?.request !== request) return;
    const verdict = interpretResponse(request, answer.status, answer.body);
    this.status.value = { request, ...verdict };
    this.answered = true;
    if (verdict.outcome !== 'sent') return;
    this.checkEffect();
    this.patience = setTimeout(() => {
      const current = this.status.value;
      if (current?.request === request && current.outcome === 'sent' && request.expect.kind !== 'none') {
        this.status.value = { ...current, message: `${current.message}; no change seen in the live data yet` };
      }
    }, EFFECT_PATIENCE_MS);
  }

  private checkEffect(): void {
    const current = this.status.value;
    if (!current || current.outcome !== 'sent' || !this.answered) return;
    const effect = effectSeen(current.request, observe(this.detail, current.request.target));
    if (effect) this.status.value = { request: current.request, outcome: 'done', message: `${current.request.verb}: done, ${effect}` };
  }
}
