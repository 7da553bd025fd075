/**
 * The one Casbin model (model.conf at the package root) and enforcers built
 * on it synchronously: decisions are made inside request handlers, and
 * Casbin's own constructors are async only to load policies from adapters,
 * which Isobar does not use (policies are compiled from the config layers).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Config, EnforceContext, Enforcer, newModel, type Model } from 'casbin';
import type { SubjectRoleManager } from './role-manager';

/** From dist/src/engine/ (compiled) to the package root. */
export const MODEL_PATH = join(__dirname, '..', '..', '..', 'model.conf');

/** The layers' request, policy, effect and matcher: p, e, m. */
export const LAYERS_CONTEXT = new EnforceContext('r', 'p', 'e', 'm');
/** The site's limits: p2, e2, m2. */
export const LIMITS_CONTEXT = new EnforceContext('r', 'p2', 'e2', 'm2');

let modelConfig: ReturnType<typeof Config.newConfigFromText> | undefined;

/** The model file is parsed once; each enforcer gets its own Model (it holds the policies). */
function freshModel(): Model {
  modelConfig ??= Config.newConfigFromText(readFileSync(MODEL_PATH, 'utf8'));
  const model = newModel();
  model.loadModelFromConfig(modelConfig);
  return model;
}

/** Policy lines: p = priority, bucket, domain, operation, eft, layer; p2 = bucket, domain, operation, eft. */
export interface PolicyLines {
  readonly layers: string[][];
  readonly limits: string[][];
}

export function createEnforcer(lines: PolicyLines, roles: SubjectRoleManager): Enforcer {
  const model = freshModel();
  const enforcer = new Enforcer();
  enforcer.setModel(model);
  enforcer.initRmMap();
  enforcer.setRoleManager(roles);
  const grouping = model.model.get('g')?.get('g');
  if (grouping === undefined) throw new Error(`${MODEL_PATH}: the model has no role definition "g"`);
  // Casbin's g() reads the role manager from the model's assertion.
  grouping.rm = roles;
  if (lines.layers.length > 0) model.addPolicies('p', 'p', lines.layers);
  if (lines.limits.length > 0) model.addPolicies('p', 'p2', lines.limits);
  enforcer.sortPolicies();
  return enforcer;
}
