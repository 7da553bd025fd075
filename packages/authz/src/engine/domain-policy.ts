/**
 * One domain's compiled policy (an owner's workflow, as its layers see it):
 * a Casbin enforcer per operation, built on first use, and the decisions
 * made, remembered per operation and per "which of the subjects this
 * domain's rules name does the person match". Two people matching the same
 * named subjects get the same answer, so after the first, a decision is a
 * map lookup; the whole object is dropped when a config file changes.
 */
import type { Enforcer } from 'casbin';
import type { RuleSource } from '../config/types';
import type { DecidingLayer, Explanation } from '../decision';
import { describeRule } from '../decision';
import { OPERATION_LEVELS, type Operation } from '../levels';
import { compileOperation, mentionedSubjects, type BucketSources, type DomainRules } from './buckets';
import { createEnforcer, LAYERS_CONTEXT, LIMITS_CONTEXT } from './model';
import { SubjectRoleManager } from './role-manager';

interface OperationEngine {
  readonly enforcer: Enforcer;
  readonly buckets: BucketSources;
}

/** Above this many remembered decisions the memory is cleared (a bound, not a tuning knob). */
const MAX_REMEMBERED = 100_000;

export interface DomainPolicyOptions {
  /** False to ask Casbin every time (the benchmark measures both). */
  readonly rememberDecisions?: boolean;
}

type Outcome = Omit<Explanation, 'subjects' | 'problems' | 'operation'>;

export class DomainPolicy {
  private readonly roles = new SubjectRoleManager();
  private readonly engines = new Map<Operation, OperationEngine>();
  private readonly remembered = new Map<string, Outcome>();
  private readonly mentioned: ReadonlySet<string>;
  private readonly rememberDecisions: boolean;

  constructor(
    readonly rules: DomainRules,
    /** Refused or broken files behind this domain, shown with every explanation. */
    readonly problems: readonly string[],
    options: DomainPolicyOptions = {},
  ) {
    this.mentioned = mentionedSubjects(rules);
    this.rememberDecisions = options.rememberDecisions ?? true;
  }

  /** Subjects this domain's rules name (for the "who can do what" matrix). */
  get namedSubjects(): ReadonlySet<string> {
    return this.mentioned;
  }

  decide(person: string, subjects: readonly string[], operation: Operation): Explanation {
    const relevant = subjects.filter((subject) => this.mentioned.has(subject));
    const key = `${operation}\0${relevant.length > 1 ? relevant.sort().join('\n') : (relevant[0] ?? '')}`;
    let outcome = this.rememberDecisions ? this.remembered.get(key) : undefined;
    if (outcome === undefined) {
      outcome = this.enforce(person, relevant, operation);
      if (this.rememberDecisions) {
        if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
        this.remembered.set(key, outcome);
      }
    }
    return { ...outcome, operation, subjects, problems: this.problems };
  }

  /** Builds every operation's enforcer now rather than on first use. */
  prepareAll(operations: readonly Operation[]): void {
    for (const operation of operations) this.engineFor(operation);
  }

  private engineFor(operation: Operation): OperationEngine {
    let engine = this.engines.get(operation);
    if (engine === undefined) {
      const compiled = compileOperation(this.rules, operation);
      for (const [bucket, members] of compiled.buckets) this.roles.defineBucket(`${operation}\0${bucket}`, new Set(members.keys()));
      const qualified = {
        layers: compiled.lines.layers.map((line) => qualifyBucket(line, 1, operation)),
        limits: compiled.lines.limits.map((line) => qualifyBucket(line, 0, operation)),
      };
      engine = { enforcer: createEnforcer(qualified, this.roles), buckets: compiled.buckets };
      this.engines.set(operation, engine);
    }
    return engine;
  }

  private enforce(person: string, subjects: readonly string[], operation: Operation): Outcome {
    const level = OPERATION_LEVELS[operation];
    const engine = this.engineFor(operation);
    this.roles.setSubjects(person, subjects);
    const [layered, line] = engine.enforcer.enforceExSync(LAYERS_CONTEXT, person, this.rules.domain, operation);
    const bucket = line[1] === undefined ? undefined : unqualify(line[1]);
    const layer = (line[5] ?? 'none') as DecidingLayer;
    const rules = bucket === undefined ? [] : matchingSources(engine.buckets, bucket, subjects);
    const layerRule = rules[0] === undefined ? 'no rule grants it: denied by default' : describeAny(rules[0], layer);
    if (!layered || layer === 'owner') return { allowed: layered, level, layer, rule: layerRule, rules, limitRules: [] };
    const [limited, limitLine] = engine.enforcer.enforceExSync(LIMITS_CONTEXT, person, this.rules.domain, operation);
    const limitRules = [
      ...matchingSources(engine.buckets, 'limit:deny', subjects),
      ...matchingSources(engine.buckets, 'limit:allow', subjects),
    ];
    if (limited) return { allowed: true, level, layer, rule: layerRule, rules, limitRules };
    const negation = limitLine[0] === undefined ? undefined : matchingSources(engine.buckets, unqualify(limitLine[0]), subjects)[0];
    const why =
      negation === undefined ? 'no site limit that covers this person includes it' : `the site limit negates it: ${describeRule(negation)}`;
    return { allowed: false, level, layer: 'limit', rule: `${layerRule}; but ${why}`, rules, limitRules };
  }
}

/** Buckets are per operation; one role manager serves all of a domain's enforcers. */
function qualifyBucket(line: string[], index: number, operation: Operation): string[] {
  const copy = [...line];
  copy[index] = `${operation}\0${line[index] ?? ''}`;
  return copy;
}

function unqualify(bucket: string): string {
  return bucket.slice(bucket.indexOf('\0') + 1);
}

function matchingSources(buckets: BucketSources, bucket: string, subjects: readonly string[]): RuleSource[] {
  const members = buckets.get(bucket);
  if (members === undefined) return [];
  return subjects.flatMap((subject) => members.get(subject) ?? []);
}

function describeAny(source: RuleSource, layer: DecidingLayer): string {
  return layer === 'owner' ? source.text : describeRule(source);
}
