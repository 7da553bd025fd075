/** The syntax tree of a ranking expression. `column` is where the node starts in the source (1-based). */

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';
export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type LogicalOperator = 'and' | 'or';

export type Expr =
  | { readonly kind: 'number'; readonly value: number; readonly column: number }
  | { readonly kind: 'variable'; readonly name: string; readonly column: number }
  | { readonly kind: 'negate'; readonly operand: Expr; readonly column: number }
  | { readonly kind: 'not'; readonly operand: Expr; readonly column: number }
  | {
      readonly kind: 'arithmetic';
      readonly operator: ArithmeticOperator;
      readonly left: Expr;
      readonly right: Expr;
      readonly column: number;
    }
  | {
      readonly kind: 'comparison';
      readonly operator: ComparisonOperator;
      readonly left: Expr;
      readonly right: Expr;
      readonly column: number;
    }
  | {
      readonly kind: 'logical';
      readonly operator: LogicalOperator;
      readonly left: Expr;
      readonly right: Expr;
      readonly column: number;
    }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly column: number };

/** Writes an expression back out fully parenthesised: shows how it was parsed (tests, debug logs). */
export function show(expr: Expr): string {
  switch (expr.kind) {
    case 'number':
      return String(expr.value);
    case 'variable':
      return expr.name;
    case 'negate':
      return `(-${show(expr.operand)})`;
    case 'not':
      return `(not ${show(expr.operand)})`;
    case 'arithmetic':
    case 'comparison':
    case 'logical':
      return `(${show(expr.left)} ${expr.operator} ${show(expr.right)})`;
    case 'call':
      return `${expr.name}(${expr.args.map(show).join(', ')})`;
  }
}
