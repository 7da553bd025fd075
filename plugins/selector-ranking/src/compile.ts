/** Parsing and checking one expression for its role: a filter keeps a host or not; a rank key orders hosts. */
import type { Expr } from './ast';
import { typeOf } from './check';
import { ExpressionError } from './expression-error';
import { parse } from './parser';

export type Role = 'filter' | 'rank';

export interface CompiledExpression {
  readonly source: string;
  readonly expr: Expr;
}

/** Throws ExpressionError for a syntax error, an unknown name, or the wrong kind of result. */
export function compile(source: string, role: Role): CompiledExpression {
  const expr = parse(source);
  const type = typeOf(expr);
  if (role === 'filter' && type !== 'boolean') {
    throw new ExpressionError('a filter must be true or false (a comparison), but this is a number', expr.column);
  }
  if (role === 'rank' && type !== 'number') {
    throw new ExpressionError('a rank key must be a number, but this is true or false', expr.column);
  }
  return { source, expr };
}
