/**
 * The one Casbin model (model-text.ts, kept in code so a bundle carries it), the policy sets
 * built on it, and the enforcer that decides with them.
 *
 * A policy set is one domain's lines for one operation. Each is a Casbin
 * Model of its own, but only its policy and role sections are its own: the
 * request, effect and matcher sections are the parsed model file's, shared
 * (Casbin only reads them when enforcing), so building one costs a few
 * microseconds instead of re-parsing the model file each time.
 */
import { Assertion, Config, EnforceContext, Enforcer, FunctionMap, Model, type RoleManager } from 'casbin';
import { MODEL_TEXT } from './model-text';

/** The layers' request, policy, effect and matcher: p, e, m. */
export const LAYERS_CONTEXT = new EnforceContext('r', 'p', 'e', 'm');
/** The site's limits: p2, e2, m2. */
export const LIMITS_CONTEXT = new EnforceContext('r', 'p2', 'e2', 'm2');

/** Policy lines: p = priority, bucket, domain, operation, eft; p2 = bucket, domain, operation, eft. */
export interface PolicyLines {
  /** In priority order, lowest first, as Casbin's priority effect reads them. */
  readonly layers: string[][];
  readonly limits: string[][];
}

let parsedModel: Model | undefined;

/** The model, parsed once per process. */
function modelFile(): Model {
  if (parsedModel === undefined) {
    const model = new Model();
    model.loadModelFromConfig(Config.newConfigFromText(MODEL_TEXT));
    for (const [section, key] of [
      ['p', 'p'],
      ['p', 'p2'],
      ['g', 'g'],
    ] as const) {
      if (model.model.get(section)?.get(key) === undefined) throw new Error(`the authorisation model has no "${key}"`);
    }
    parsedModel = model;
  }
  return parsedModel;
}

function ownAssertion(parsed: Assertion, own: { policy?: string[][]; rm?: RoleManager }): Assertion {
  return Object.assign(new Assertion(), parsed, { policy: [], fieldIndexMap: new Map<string, number>() }, own);
}

/**
 * A Model holding `lines`, whose g() asks `roles`. The lines are handed over
 * as they are, already in priority order: Casbin's addPolicies inserts
 * prioritised lines by comparing priorities as strings.
 */
export function policyModel(lines: PolicyLines, roles: RoleManager): Model {
  const model = new Model();
  for (const [section, assertions] of modelFile().model) {
    if (section !== 'p' && section !== 'g') {
      model.model.set(section, assertions);
      continue;
    }
    const own = new Map<string, Assertion>();
    for (const [key, parsed] of assertions) {
      if (section === 'g') own.set(key, ownAssertion(parsed, { rm: roles }));
      else own.set(key, ownAssertion(parsed, { policy: key === 'p' ? lines.layers : key === 'p2' ? lines.limits : [] }));
    }
    model.model.set(section, own);
  }
  return model;
}

/**
 * The enforcer every policy set is decided by, one model at a time. Its
 * function map is empty: Casbin copies every function in it into each
 * policy line's evaluation context, and the matchers only call g(), which
 * it adds itself from the model's role section.
 */
export class PolicyEnforcer extends Enforcer {
  /** How many decisions Casbin made (the benchmark tells them from remembered ones). */
  private made = 0;

  constructor() {
    super();
    this.fm = new FunctionMap();
  }

  get decisions(): number {
    return this.made;
  }

  /** Counts a decision (which may ask Casbin twice: the layers, then the limits). */
  startDecision(): void {
    this.made++;
  }

  decideWith(model: Model, context: EnforceContext, person: string, domain: string, operation: string): [boolean, string[]] {
    this.setModel(model);
    return this.enforceExSync(context, person, domain, operation);
  }
}
