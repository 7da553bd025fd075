/**
 * Decisions for the UI server and the tools: may this person, with these
 * roles, do this operation on this owner's workflow? Layers are read from
 * their files and compiled on first use; every `recheckIntervalMs` the files
 * are stat'ed again and a domain whose files changed is compiled afresh, so
 * an edited config applies within about a second, without a restart.
 */
import { snapshotOf, exists, type FileSnapshot } from './config/load-layers';
import type { LayerLocations } from './config/locations';
import { formatProblem } from './config/problems';
import type { Decision, Explanation } from './decision';
import { CompiledLayers } from './engine/compiled-layers';
import { DomainPolicy } from './engine/domain-policy';
import type { DomainLayers } from './engine/domain-table';
import { LayerCache } from './engine/layer-cache';
import { PolicyEnforcer } from './engine/model';
import { SubjectIds } from './engine/subject-ids';
import { canonicalOperation, levelRank, OPERATION_LEVELS, OPERATIONS, type Level, type Operation } from './levels';
import { subjectsOf } from './subjects';

export interface AuthorizerOptions {
  readonly locations: LayerLocations;
  /** The uid an owner's and their workflows' config files must belong to; undefined refuses them. */
  readonly ownerUid: (owner: string) => number | undefined;
  /** How long a compiled domain is used before its files are stat'ed again (default 1000 ms; 0: every decision). */
  readonly recheckIntervalMs?: number;
  readonly clock?: () => number;
  /** False to ask Casbin for every decision (benchmarks); default true. */
  readonly rememberDecisions?: boolean;
}

interface DomainEntry {
  readonly domain: DomainPolicy;
  /** Every file whose change (or appearance) could change the domain. */
  readonly snapshots: readonly FileSnapshot[];
  checkedAt: number;
}

const DEFAULT_RECHECK_MS = 1000;

export class Authorizer {
  /** Owner → workflow name → its domain. */
  private readonly entries = new Map<string, Map<string, DomainEntry>>();
  /** Compiled domains shared by workflows with the same files, with the identities they were built from. */
  private readonly shared = new Map<string, { readonly signature: string; readonly domain: DomainPolicy }>();
  private readonly layers = new LayerCache();
  /** Numbers for the subjects the compiled layers name (subject-ids.ts). */
  private readonly ids = new SubjectIds();
  private readonly compiled = new CompiledLayers(this.ids);
  /** Every decision of this authorizer is Casbin's, made by this one enforcer. */
  private readonly enforcer = new PolicyEnforcer();
  private readonly recheckIntervalMs: number;
  private readonly clock: () => number;

  constructor(private readonly options: AuthorizerOptions) {
    this.recheckIntervalMs = options.recheckIntervalMs ?? DEFAULT_RECHECK_MS;
    this.clock = options.clock ?? Date.now;
  }

  /**
   * `workflow` is the workflow's name in the owner's cylc-run (`clouds/run1`,
   * `~owner/` allowed in front), or '' for what is not about one workflow
   * (the page, whoami): only the site's and the owner's layers apply then.
   */
  decide(person: string, roles: readonly string[], owner: string, workflow: string, operation: string): Decision {
    const canonical = canonicalOperation(operation);
    if (canonical === undefined) return unmapped(operation);
    // The domain first: compiling it can give numbers to subjects its files name.
    const domain = this.domainFor(owner, workflow);
    return domain.decide(person, this.ids.of(person, roles), canonical).decision;
  }

  explain(person: string, roles: readonly string[], owner: string, workflow: string, operation: string): Explanation {
    const subjects = subjectsOf(person, roles);
    const canonical = canonicalOperation(operation);
    if (canonical === undefined) return { ...unmapped(operation), operation, subjects, rules: [], limitRules: [], problems: [] };
    const domain = this.domainFor(owner, workflow);
    const { decision, rules, limitRules } = domain.decide(person, this.ids.of(person, roles), canonical);
    return { ...decision, operation: canonical, subjects, rules, limitRules, problems: domain.problems };
  }

  /** How many decisions Casbin has made for this authorizer (the others were remembered). */
  get casbinDecisions(): number {
    return this.enforcer.decisions;
  }

  /** Every operation the person may do here, in the table's order (the UI offers only these). */
  allowedOperations(person: string, roles: readonly string[], owner: string, workflow: string): Operation[] {
    const domain = this.domainFor(owner, workflow);
    const subjects = this.ids.of(person, roles);
    return OPERATIONS.filter((operation) => domain.decide(person, subjects, operation).decision.allowed);
  }

  /** The highest level of any allowed operation; undefined when the person may do nothing at all here. */
  maxLevel(person: string, roles: readonly string[], owner: string, workflow: string): Level | undefined {
    let best: Level | undefined;
    for (const operation of this.allowedOperations(person, roles, owner, workflow)) {
      const level = OPERATION_LEVELS[operation];
      if (best === undefined || levelRank(level) > levelRank(best)) best = level;
    }
    return best;
  }

  /** Subjects the rules for this workflow name (plus `*`): the rows of a "who can do what" view. */
  namedSubjects(owner: string, workflow: string): string[] {
    return [...new Set(['*', ...this.domainFor(owner, workflow).namedSubjects])];
  }

  /** Refused or broken config files behind this workflow's decisions. */
  problems(owner: string, workflow: string): readonly string[] {
    return this.domainFor(owner, workflow).problems;
  }

  /** Reads and compiles the files for this workflow now, so that its first decisions only ask Casbin. */
  prepare(owner: string, workflow: string): void {
    this.domainFor(owner, workflow);
  }

  /** Forgets everything compiled: the next decision reads the files again. */
  refresh(): void {
    this.entries.clear();
    this.shared.clear();
    this.layers.clear();
  }

  private domainFor(owner: string, workflow: string): DomainPolicy {
    // Checked for every decision: no strings are built unless the name starts with `~`.
    const name = workflow.startsWith('~') && workflow.startsWith(`~${owner}/`) ? workflow.slice(owner.length + 2) : workflow;
    let ofOwner = this.entries.get(owner);
    if (ofOwner === undefined) {
      ofOwner = new Map();
      this.entries.set(owner, ofOwner);
    }
    const now = this.clock();
    const entry = ofOwner.get(name);
    if (entry !== undefined) {
      if (now - entry.checkedAt < this.recheckIntervalMs) return entry.domain;
      if (entry.snapshots.every((snapshot) => snapshotOf(snapshot.path).identity === snapshot.identity)) {
        entry.checkedAt = now;
        return entry.domain;
      }
    }
    const built = this.build(owner, name);
    ofOwner.set(name, { ...built, checkedAt: now });
    return built.domain;
  }

  private build(owner: string, workflow: string): { domain: DomainPolicy; snapshots: FileSnapshot[] } {
    const { locations } = this.options;
    const site = snapshotOf(locations.site);
    const userPath = locations.userFile(owner);
    const user = userPath === undefined ? undefined : snapshotOf(userPath);
    const candidates = workflow === '' ? [] : locations.workflowFiles(owner, workflow).map(snapshotOf);
    const chosen = candidates.find(exists);
    const snapshots = [site, ...(user === undefined ? [] : [user]), ...candidates];
    const signature = [site, user, chosen].map((snapshot) => snapshot?.identity ?? '').join('\0');
    const shareKey = `${owner}\0${chosen?.path ?? ''}`;
    const existing = this.shared.get(shareKey);
    if (existing?.signature === signature) return { domain: existing.domain, snapshots };

    const uid = this.options.ownerUid(owner);
    const siteLayer = this.layers.site(site);
    const userLayer = user === undefined ? undefined : this.layers.grantsLayer(user, 'user', uid);
    const workflowLayer = chosen === undefined ? undefined : this.layers.grantsLayer(chosen, 'workflow', uid);
    const siteTables = this.compiled.site(siteLayer, owner);
    const layers: DomainLayers['layers'][number][] = [];
    if (workflowLayer !== undefined) layers.push({ layer: 'workflow', table: this.compiled.grantsLayer(workflowLayer) });
    if (userLayer !== undefined) layers.push({ layer: 'user', table: this.compiled.grantsLayer(userLayer) });
    layers.push({ layer: 'site', table: siteTables.defaults });
    const compiled: DomainLayers = { owner, layers, limits: siteTables.limits };
    const problems = [siteLayer.problems, userLayer?.problems ?? [], workflowLayer?.problems ?? []].flat().map(formatProblem);
    const domain = new DomainPolicy(compiled, problems, this.enforcer, this.ids, {
      rememberDecisions: this.options.rememberDecisions ?? true,
    });
    this.shared.set(shareKey, { signature, domain });
    return { domain, snapshots };
  }
}

function unmapped(operation: string): Decision {
  return { allowed: false, level: undefined, layer: 'unmapped', rule: `"${operation}" is not an operation Isobar knows: denied` };
}
