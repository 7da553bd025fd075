/** What a decision says, and what an explanation adds to it. */
import type { RuleSource } from './config/types';
import type { Level } from './levels';

/** What decided: a layer's rule, the owner rule, the site limit, nothing at all, or an unknown operation. */
export type DecidingLayer = 'owner' | 'workflow' | 'user' | 'site' | 'limit' | 'none' | 'unmapped';

export interface Decision {
  readonly allowed: boolean;
  /** The level the operation needs; undefined for an operation the table does not know. */
  readonly level: Level | undefined;
  readonly layer: DecidingLayer;
  /** The deciding rule as `file:line: key: value`, or a sentence for the owner rule and the defaults. */
  readonly rule: string;
}

export interface Explanation extends Decision {
  /** The operation as the table names it (`set_outputs`, `api/logs/*`), or as asked when unknown. */
  readonly operation: string;
  /** The person's subjects: `*`, `user:<name>`, `role:<name>`. */
  readonly subjects: readonly string[];
  /** Every rule of the deciding layer that matched the person (several roles can say the same). */
  readonly rules: readonly RuleSource[];
  /** The site limit rules that matched the person (allowing or negating the operation). */
  readonly limitRules: readonly RuleSource[];
  /** Refused or broken config files of this owner and workflow, one line each. */
  readonly problems: readonly string[];
}

export function describeRule(source: RuleSource): string {
  const where = source.line === undefined ? source.file : `${source.file}:${source.line}`;
  return source.key === '' ? `${where}: ${source.text}` : `${where}: ${source.key}: ${source.text}`;
}
