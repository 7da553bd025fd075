/**
 * The one Casbin model (model-text.ts, kept in code so a bundle carries it)
 * and the enforcer that decides with it, one policy set at a time.
 *
 * A policy set is one domain's lines for one operation (bucket-lines.ts).
 * The enforcer keeps one parsed model and, for each decision, points the
 * model's p and p2 policies at the set's lines: the model's sections, maps
 * and compiled matchers stay the same objects from one decision to the next
 * (and so in the processor's caches), and a policy set needs no Casbin model
 * of its own, nor anything built when a decision is first made with it.
 */
import { Config, EnforceContext, Enforcer, FunctionMap, Model, type Assertion } from 'casbin';
import { BucketMembership } from './bucket-membership';
import type { DomainTable, SubjectRows } from './domain-table';
import { IN_BUCKET, MODEL_TEXT } from './model-text';

/** The layers' request, policy, effect and matcher: p, e, m. */
export const LAYERS_CONTEXT = new EnforceContext('r', 'p', 'e', 'm');
/** The site's limits: p2, e2, m2. */
export const LIMITS_CONTEXT = new EnforceContext('r', 'p2', 'e2', 'm2');

/** Policy lines: p = priority, bucket, eft; p2 = bucket, eft. */
export interface PolicyLines {
  /** In priority order, lowest first, as Casbin's priority effect reads them (nothing sorts them again). */
  readonly layers: string[][];
  readonly limits: string[][];
}

function policyAssertion(model: Model, key: 'p' | 'p2'): Assertion {
  const assertion = model.model.get('p')?.get(key);
  if (assertion === undefined) throw new Error(`the authorisation model has no "${key}"`);
  return assertion;
}

/**
 * Every decision of one Authorizer is made by its one enforcer. Its function
 * map holds only inBucket: Casbin copies every function in it into the
 * context of each line it evaluates. Only enforcing is ever asked of it:
 * the lines it is given are shared by every policy set with the same
 * buckets, and must not be changed through it.
 */
export class PolicyEnforcer extends Enforcer {
  /** How many decisions Casbin made (the benchmark tells them from remembered ones). */
  private made = 0;
  private readonly membership = new BucketMembership();
  private readonly layerPolicy: Assertion;
  private readonly limitPolicy: Assertion;

  constructor() {
    super();
    this.fm = new FunctionMap();
    this.fm.addFunction(IN_BUCKET, this.membership.inBucket);
    const model = new Model();
    model.loadModelFromConfig(Config.newConfigFromText(MODEL_TEXT));
    this.layerPolicy = policyAssertion(model, 'p');
    this.limitPolicy = policyAssertion(model, 'p2');
    this.setModel(model);
  }

  get decisions(): number {
    return this.made;
  }

  /**
   * Starts a decision (which may ask Casbin twice: the layers, then the
   * limits) with one policy set's lines, for one person (bucket-membership.ts).
   */
  startDecision(lines: PolicyLines, person: string, table: DomainTable, op: number, subjects: SubjectRows): void {
    this.made++;
    this.layerPolicy.policy = lines.layers;
    this.limitPolicy.policy = lines.limits;
    this.membership.ask(person, table, op, subjects);
  }

  /** Casbin's answer and the line that decided it (empty when none did). */
  decide(context: EnforceContext, person: string): [boolean, string[]] {
    return this.enforceExSync(context, person);
  }
}
