import { computed, shallowRef, watch, type ComputedRef, type ShallowRef } from 'vue';
import { getJson } from './api';
import type { Elevation } from './elevation';
import { grantHeaders } from './model/elevation';
import { NOTHING_OFFERED, isOffered, offerBasis, permissionsUrl, roleErrorNotice, type OfferBasis } from './model/permissions';

/** Policies and groups change without the page knowing: ask again this often. */
const REFRESH_MS = 60_000;
/** After a failed question (nothing is offered meanwhile). */
const RETRY_MS = 5_000;

/**
 * What may be offered for the workflow on screen: `api/permissions`, asked
 * when the workflow changes, when the level changes and every minute, with
 * the grant held at the time. Until it answers, nothing is offered. With no
 * single workflow on screen it is asked without one, for the role notice only.
 */
export class Permissions {
  readonly basis: ShallowRef<OfferBasis> = shallowRef(NOTHING_OFFERED);
  /** The notice for groups that could not be read, if any. */
  readonly roleNotice: ComputedRef<string | undefined>;
  /** The workflow the answer is about; undefined for the list (the role notice only, no actions). */
  private readonly about: ShallowRef<string | undefined> = shallowRef(undefined);
  private serial = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly prefix: string,
    private readonly canAct: boolean,
    private readonly elevation: Elevation,
    workflowId: () => string | undefined,
  ) {
    this.roleNotice = computed(() => {
      const basis = this.basis.value;
      return basis.kind === 'policy' ? roleErrorNotice(basis.permissions.roleErrors) : undefined;
    });
    watch(
      () => [workflowId(), elevation.state.value.level, elevation.grantLevel.value] as const,
      ([id], previous) => {
        // Another workflow: what was offered for the last one does not apply.
        if (previous && previous[0] !== id) {
          this.basis.value = NOTHING_OFFERED;
          this.about.value = undefined;
        }
        void this.ask(id);
      },
      { immediate: true },
    );
  }

  /** May `operation` (a mutation name) be offered now? Reactive. */
  offers(operation: string): boolean {
    return this.about.value !== undefined && isOffered(this.basis.value, operation, this.elevation.grantLevel.value);
  }

  private async ask(workflowId: string | undefined): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.serial += 1;
    const serial = this.serial;
    const answer = await getJson(permissionsUrl(this.prefix, workflowId), grantHeaders(this.elevation.grant()));
    if (serial !== this.serial) return;
    this.about.value = workflowId;
    const basis = offerBasis(answer.status, answer.body, this.canAct);
    this.basis.value = basis;
    this.timer = setTimeout(() => void this.ask(workflowId), basis.kind === 'none' ? RETRY_MS : REFRESH_MS);
  }
}
