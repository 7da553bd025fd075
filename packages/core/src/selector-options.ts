/**
 * Helpers for selector plugins validating their own `selector.options`, so
 * that every plugin reports problems the same way:
 *   /etc/isobar/site.yaml: selector.options.seed: expected an integer, got "x"
 */
import type { ConfigError } from './errors';
import type { ConfigProblem } from './errors';
import type { SelectorContext } from './selector';
import { configErrorOf, describeValue } from './site-config/problems';
import { closestMatch } from './suggest';

export { describeValue };

/** A problem with one option; `key` is relative to the options, e.g. "filters[1]". */
export interface OptionProblem {
  readonly key: string;
  readonly message: string;
}

function fullKey(context: SelectorContext, key: string): string {
  if (key === '') return context.optionsKey;
  return key.startsWith('[') ? `${context.optionsKey}${key}` : `${context.optionsKey}.${key}`;
}

/** One ConfigError naming `${configFile}: ${optionsKey}.<key>` for each problem. */
export function selectorOptionsError(context: SelectorContext, problems: readonly OptionProblem[]): ConfigError {
  const full: ConfigProblem[] = problems.map((problem) => ({
    file: context.configFile,
    key: fullKey(context, problem.key),
    message: problem.message,
  }));
  return configErrorOf(full);
}

/**
 * The options as a mapping, after checking that it is one and that every
 * key is known (a misspelt option would otherwise be silently ignored).
 * Absent options (undefined or YAML's empty null) are an empty mapping.
 */
export function readSelectorOptions(
  options: unknown,
  context: SelectorContext,
  knownKeys: readonly string[],
): Readonly<Record<string, unknown>> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw selectorOptionsError(context, [{ key: '', message: `expected a mapping, got ${describeValue(options)}` }]);
  }
  const record = options as Record<string, unknown>;
  const problems: OptionProblem[] = [];
  for (const key of Object.keys(record)) {
    if (knownKeys.includes(key)) continue;
    const near = closestMatch(key, knownKeys);
    let message: string;
    if (near !== undefined) message = `unknown option; did you mean "${near}"?`;
    else if (knownKeys.length === 0) message = 'unknown option; this selector takes no options';
    else message = `unknown option; known options: ${knownKeys.join(', ')}`;
    problems.push({ key, message });
  }
  if (problems.length > 0) throw selectorOptionsError(context, problems);
  return record;
}
