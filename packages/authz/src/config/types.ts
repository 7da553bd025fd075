/**
 * The three layers of configuration once read: plain rules, each remembering
 * where it was written so that a decision can name the rule that made it.
 */
import type { ConfigProblem } from '@isobar/core';
import type { Operation } from '../levels';

export type LayerName = 'site' | 'user' | 'workflow';

/** Where a rule was written: `file:line: key: text` in explanations. */
export interface RuleSource {
  readonly file: string;
  /** 1-based; undefined for rules that stand for a whole file (a refused or broken one). */
  readonly line?: number;
  /** Dotted key, e.g. `grants.role:ops` or `owners.*.*.default`. */
  readonly key: string;
  /** What was written there (`[READ, stop]`), or why the layer denies everything. */
  readonly text: string;
}

/** One subject's permission list in one layer. */
export interface GrantRule {
  /** Internal form: `*`, `user:<name>` or `role:<name>` (see subjects.ts). */
  readonly subject: string;
  readonly granted: ReadonlySet<Operation>;
  readonly denied: ReadonlySet<Operation>;
  /**
   * True when the list grants anything or is empty: for the people it
   * matches, it replaces what the layers above gave. A list of negations
   * only (`[!stop]`) takes away from what the layers above gave instead.
   */
  readonly replaces: boolean;
  readonly source: RuleSource;
}

/** An owner's or a workflow's config file, read. */
export interface GrantsLayer {
  readonly layer: 'user' | 'workflow';
  readonly file: string;
  readonly rules: readonly GrantRule[];
  /** Why the file was refused or could not be used; when non-empty, `rules` deny everyone everything. */
  readonly problems: readonly ConfigProblem[];
}

/** One `owners.<owner>.<subject>` entry of the site config. */
export interface SiteRule {
  /** `*` for every owner, else one owner's name. */
  readonly owner: string;
  readonly defaults: GrantRule;
  /** The most the layers below may grant these people; the defaults when the site sets no limit. */
  readonly limit: GrantRule;
}

export interface SiteLayer {
  readonly file: string;
  readonly rules: readonly SiteRule[];
  readonly problems: readonly ConfigProblem[];
}

/** The site's rules as they apply to one owner's workflows. */
export interface SitePolicy {
  readonly defaults: readonly GrantRule[];
  readonly limits: readonly GrantRule[];
}
