/**
 * The interpreter: walks a checked syntax tree with one host's values. No
 * eval, no Function: the expressions come from a config file and must not be
 * able to do anything but arithmetic on metrics.
 */
import type { Expr } from './ast';
import type { Environment } from './names';
import { functionSpec, isVariable } from './names';

export type Value = number | boolean;

function number(expr: Expr, env: Environment): number {
  const value = evaluate(expr, env);
  // check() has ruled this out; failing loudly beats comparing a boolean as a number.
  if (typeof value !== 'number') throw new TypeError(`internal error: expected a number at column ${expr.column}`);
  return value;
}

function boolean(expr: Expr, env: Environment): boolean {
  const value = evaluate(expr, env);
  if (typeof value !== 'boolean') throw new TypeError(`internal error: expected true/false at column ${expr.column}`);
  return value;
}

export function evaluate(expr: Expr, env: Environment): Value {
  switch (expr.kind) {
    case 'number':
      return expr.value;
    case 'variable':
      if (!isVariable(expr.name)) throw new TypeError(`internal error: unknown name ${expr.name}`);
      return env[expr.name];
    case 'negate':
      return -number(expr.operand, env);
    case 'not':
      return !boolean(expr.operand, env);
    case 'arithmetic': {
      const left = number(expr.left, env);
      const right = number(expr.right, env);
      switch (expr.operator) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return left / right;
        case '%':
          return left % right;
      }
    }
    case 'comparison': {
      const left = evaluate(expr.left, env);
      const right = evaluate(expr.right, env);
      switch (expr.operator) {
        case '==':
          return left === right;
        case '!=':
          return left !== right;
        case '<':
          return left < right;
        case '<=':
          return left <= right;
        case '>':
          return left > right;
        case '>=':
          return left >= right;
      }
    }
    case 'logical':
      // Short-circuits like Python's and/or (no side effects here, but no wasted work either).
      return expr.operator === 'and'
        ? boolean(expr.left, env) && boolean(expr.right, env)
        : boolean(expr.left, env) || boolean(expr.right, env);
    case 'call': {
      const spec = functionSpec(expr.name);
      if (spec === undefined) throw new TypeError(`internal error: unknown function ${expr.name}`);
      return spec.apply(expr.args.map((arg) => number(arg, env)));
    }
  }
}
