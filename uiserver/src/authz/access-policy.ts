/**
 * `api/access` when a policy applies: the permission matrix the `explain
 * --matrix` command prints, the files behind it and their problems.
 */
import { existsSync } from 'node:fs';
import { operationLevels, type AccessAnswer, type AccessLayer } from './access-answer';
import { permissionMatrix, type LayerLocations, type PolicyEngine } from './lib';

/**
 * The files the engine reads for the workflow, found as it finds them: the
 * site file, the owner's, and the nearest workflow file that exists. When
 * there is none, the run directory's is named (not present), so the owner
 * sees where one would go.
 */
export function layerFiles(locations: LayerLocations, owner: string, workflow: string): AccessLayer[] {
  const layers: AccessLayer[] = [{ layer: 'site', file: locations.site, present: existsSync(locations.site) }];
  const user = locations.userFile(owner);
  if (user !== undefined) layers.push({ layer: 'user', file: user, present: existsSync(user) });
  const candidates = locations.workflowFiles(owner, workflow);
  const chosen = candidates.find((file) => existsSync(file)) ?? candidates[0];
  if (chosen !== undefined) layers.push({ layer: 'workflow', file: chosen, present: existsSync(chosen) });
  return layers;
}

/** `workflow` is the name in the owner's cylc-run (`clouds/run1`). */
export function policyAccess(engine: PolicyEngine, locations: LayerLocations, owner: string, workflow: string): AccessAnswer {
  const rows = permissionMatrix(engine, owner, workflow).map((row) => ({
    subject: row.subject,
    maxLevel: row.maxLevel ?? null,
    allowed: [...row.allowed],
  }));
  return {
    owner,
    workflow: `~${owner}/${workflow}`,
    policy: true,
    layers: layerFiles(locations, owner, workflow),
    problems: [...engine.problems(owner, workflow)],
    operations: operationLevels(),
    rows,
  };
}
