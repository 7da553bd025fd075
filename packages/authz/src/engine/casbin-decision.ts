/**
 * One decision by Casbin: a domain's policy set for one operation asked
 * about one person (the layers, then, unless they denied or the owner
 * decided, the site's limits), and what it says.
 *
 * The decision's rule (the first rule of the deciding bucket) is written at
 * once; the full lists of matching rules only when an explanation asks for
 * them, as most decisions are never explained.
 */
import type { RuleSource } from '../config/types';
import { describeRule, type Decision } from '../decision';
import { OPERATION_LEVELS, type Operation } from '../levels';
import { BUCKETS, isBucketName, type BucketName } from './bucket-lines';
import type { DomainTable, SubjectRows } from './domain-table';
import { LAYERS_CONTEXT, LIMITS_CONTEXT, type PolicyEnforcer } from './model';
import { operationIndex } from './operation-index';

/** What a decision says, and the rules behind it (the explanation adds who asked). */
export interface Outcome {
  readonly decision: Decision;
  /** Every rule of the deciding bucket that matched the person. */
  readonly rules: readonly RuleSource[];
  /** The site limit rules that matched the person, when the limits were asked. */
  readonly limitRules: readonly RuleSource[];
}

/** Where a decision's rules are, to be listed when asked. */
interface Asked {
  readonly table: DomainTable;
  readonly subjects: SubjectRows;
  readonly operation: Operation;
  readonly op: number;
}

class CasbinOutcome implements Outcome {
  private listed: { rules: readonly RuleSource[]; limitRules: readonly RuleSource[] } | undefined;

  constructor(
    readonly decision: Decision,
    private readonly asked: Asked,
    /** The bucket of the line that decided; undefined when none did. */
    private readonly bucket: BucketName | undefined,
    private readonly limitsAsked: boolean,
  ) {}

  get rules(): readonly RuleSource[] {
    return this.list().rules;
  }

  get limitRules(): readonly RuleSource[] {
    return this.list().limitRules;
  }

  private list(): { rules: readonly RuleSource[]; limitRules: readonly RuleSource[] } {
    if (this.listed === undefined) {
      const { table, subjects, operation, op } = this.asked;
      const sources = (bucket: BucketName): RuleSource[] => table.sources(subjects, operation, op, bucket);
      this.listed = {
        rules: this.bucket === undefined ? [] : sources(this.bucket),
        limitRules: this.limitsAsked ? [...sources('limit:deny'), ...sources('limit:allow')] : [],
      };
    }
    return this.listed;
  }
}

/** The first rule that put one of the subjects in the bucket named on a policy line. */
function firstSource({ table, subjects, operation, op }: Asked, bucket: string | undefined): RuleSource | undefined {
  return isBucketName(bucket) ? table.sources(subjects, operation, op, bucket, 1)[0] : undefined;
}

/**
 * Casbin's decision for a person whose subjects, among those the domain's
 * rules name, are `subjects` (in the order of their names, which is the
 * order explanations list rules in).
 */
export function decideWithCasbin(
  enforcer: PolicyEnforcer,
  table: DomainTable,
  operation: Operation,
  person: string,
  subjects: SubjectRows,
): Outcome {
  const level = OPERATION_LEVELS[operation];
  const asked: Asked = { table, subjects, operation, op: operationIndex(operation) };
  enforcer.startDecision(table.lines(asked.op), person, table, asked.op, subjects);
  const [layered, line] = enforcer.decide(LAYERS_CONTEXT, person);
  const bucket = isBucketName(line[1]) ? line[1] : undefined;
  const layer = bucket === undefined ? 'none' : BUCKETS[bucket].layer;
  const deciding = firstSource(asked, bucket);
  const layerRule =
    deciding === undefined ? 'no rule grants it: denied by default' : layer === 'owner' ? deciding.text : describeRule(deciding);
  if (!layered || layer === 'owner') return new CasbinOutcome({ allowed: layered, level, layer, rule: layerRule }, asked, bucket, false);
  const [limited, limitLine] = enforcer.decide(LIMITS_CONTEXT, person);
  if (limited) return new CasbinOutcome({ allowed: true, level, layer, rule: layerRule }, asked, bucket, true);
  const negation = firstSource(asked, limitLine[0]);
  const why =
    negation === undefined ? 'no site limit that covers this person includes it' : `the site limit negates it: ${describeRule(negation)}`;
  return new CasbinOutcome({ allowed: false, level, layer: 'limit', rule: `${layerRule}; but ${why}` }, asked, bucket, true);
}
