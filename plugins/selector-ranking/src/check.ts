/**
 * Static checks, run once when the config is loaded: every name exists,
 * every function gets the right number of arguments, and numbers and
 * true/false values are not mixed up. So a bad expression stops the daemon
 * at start instead of silently dropping hosts at spawn time.
 */
import { closestMatch } from '@isobar/core';
import type { Expr } from './ast';
import { ExpressionError } from './expression-error';
import { FUNCTIONS, VARIABLES, functionSpec, isVariable } from './names';

export type ValueType = 'number' | 'boolean';

const TYPE_NAMES: Readonly<Record<ValueType, string>> = {
  number: 'a number',
  boolean: 'a true/false value (a comparison)',
};

function expectType(expr: Expr, wanted: ValueType, where: string): void {
  const actual = typeOf(expr);
  if (actual !== wanted) {
    throw new ExpressionError(`${where} must be ${TYPE_NAMES[wanted]}, not ${TYPE_NAMES[actual]}`, expr.column);
  }
}

function unknownName(name: string, known: readonly string[], what: string, column: number): ExpressionError {
  const near = closestMatch(name, known);
  const hint = near === undefined ? `; known ${what}s: ${known.join(', ')}` : `; did you mean "${near}"?`;
  return new ExpressionError(`unknown ${what} "${name}"${hint}`, column);
}

/** The type of `expr`; throws ExpressionError at the first problem. */
export function typeOf(expr: Expr): ValueType {
  switch (expr.kind) {
    case 'number':
      return 'number';
    case 'variable':
      if (isVariable(expr.name)) return 'number';
      if (functionSpec(expr.name)) throw new ExpressionError(`"${expr.name}" is a function: write ${expr.name}(...)`, expr.column);
      throw unknownName(expr.name, VARIABLES, 'name', expr.column);
    case 'negate':
      expectType(expr.operand, 'number', 'the operand of "-"');
      return 'number';
    case 'not':
      expectType(expr.operand, 'boolean', 'the operand of "not"');
      return 'boolean';
    case 'arithmetic':
      expectType(expr.left, 'number', `the left side of "${expr.operator}"`);
      expectType(expr.right, 'number', `the right side of "${expr.operator}"`);
      return 'number';
    case 'comparison': {
      if (expr.operator === '==' || expr.operator === '!=') {
        const left = typeOf(expr.left);
        expectType(expr.right, left, `the right side of "${expr.operator}"`);
      } else {
        expectType(expr.left, 'number', `the left side of "${expr.operator}"`);
        expectType(expr.right, 'number', `the right side of "${expr.operator}"`);
      }
      return 'boolean';
    }
    case 'logical':
      expectType(expr.left, 'boolean', `the left side of "${expr.operator}"`);
      expectType(expr.right, 'boolean', `the right side of "${expr.operator}"`);
      return 'boolean';
    case 'call': {
      const spec = functionSpec(expr.name);
      if (spec === undefined) {
        if (isVariable(expr.name)) throw new ExpressionError(`"${expr.name}" is not a function`, expr.column);
        throw unknownName(expr.name, Object.keys(FUNCTIONS), 'function', expr.column);
      }
      if (expr.args.length < spec.minArgs || expr.args.length > spec.maxArgs) {
        const wanted = spec.minArgs === spec.maxArgs ? `${spec.minArgs}` : `at least ${spec.minArgs}`;
        throw new ExpressionError(`${expr.name}() takes ${wanted} argument(s), got ${expr.args.length}`, expr.column);
      }
      expr.args.forEach((arg, i) => expectType(arg, 'number', `argument ${i + 1} of ${expr.name}()`));
      return 'number';
    }
  }
}
