/**
 * Recursive-descent parser for ranking expressions. Precedence, loosest
 * first (as in Python, whose syntax Cylc's ranking uses):
 *
 *   or  <  and  <  not  <  comparison  <  + -  <  * / %  <  unary -  <  atom
 *
 * Comparisons do not chain: `1 < x < 3` is an error asking for `and`,
 * rather than quietly meaning something else.
 */
import type { ArithmeticOperator, ComparisonOperator, Expr } from './ast';
import { ExpressionError } from './expression-error';
import { describeToken, tokenize } from './tokens';
import type { Operator, Token } from './tokens';

const COMPARISONS: readonly ComparisonOperator[] = ['<', '<=', '>', '>=', '==', '!='];

class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseAll(): Expr {
    const expr = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'end') {
      throw new ExpressionError(`unexpected ${describeToken(next)} after a complete expression`, next.column);
    }
    return expr;
  }

  private peek(): Token {
    // tokenize() always ends with an 'end' token, and the parser never moves past it.
    return this.tokens[this.position] ?? { kind: 'end', column: 1 };
  }

  private isOperator(token: Token, ...operators: Operator[]): boolean {
    return token.kind === 'operator' && operators.includes(token.operator);
  }

  /** Consumes the next token if it is one of `operators`. */
  private accept(...operators: Operator[]): (Token & { kind: 'operator' }) | undefined {
    const token = this.peek();
    if (token.kind === 'operator' && operators.includes(token.operator)) {
      this.position++;
      return token;
    }
    return undefined;
  }

  private expect(operator: Operator, what: string): void {
    if (this.accept(operator) === undefined) {
      const token = this.peek();
      throw new ExpressionError(`expected ${what}, got ${describeToken(token)}`, token.column);
    }
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.accept('or')) {
      left = { kind: 'logical', operator: 'or', left, right: this.parseAnd(), column: left.column };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.accept('and')) {
      left = { kind: 'logical', operator: 'and', left, right: this.parseNot(), column: left.column };
    }
    return left;
  }

  private parseNot(): Expr {
    const not = this.accept('not');
    if (not) return { kind: 'not', operand: this.parseNot(), column: not.column };
    return this.parseComparison();
  }

  private parseComparison(): Expr {
    const left = this.parseAdditive();
    const token = this.accept(...COMPARISONS);
    if (!token) return left;
    const operator = token.operator as ComparisonOperator;
    const right = this.parseAdditive();
    const next = this.peek();
    if (this.isOperator(next, ...COMPARISONS)) {
      throw new ExpressionError(`comparisons cannot be chained: join them with "and"`, next.column);
    }
    return { kind: 'comparison', operator, left, right, column: left.column };
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    for (let token = this.accept('+', '-'); token; token = this.accept('+', '-')) {
      const operator = token.operator as ArithmeticOperator;
      left = { kind: 'arithmetic', operator, left, right: this.parseMultiplicative(), column: left.column };
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    for (let token = this.accept('*', '/', '%'); token; token = this.accept('*', '/', '%')) {
      const operator = token.operator as ArithmeticOperator;
      left = { kind: 'arithmetic', operator, left, right: this.parseUnary(), column: left.column };
    }
    return left;
  }

  private parseUnary(): Expr {
    const token = this.accept('-', '+');
    if (!token) return this.parseAtom();
    const operand = this.parseUnary();
    // Unary plus changes nothing; keep the sign's column so errors point at what was written.
    return token.operator === '-' ? { kind: 'negate', operand, column: token.column } : { ...operand, column: token.column };
  }

  private parseAtom(): Expr {
    const token = this.peek();
    if (token.kind === 'number') {
      this.position++;
      return { kind: 'number', value: token.value, column: token.column };
    }
    if (token.kind === 'name') {
      this.position++;
      if (!this.accept('(')) return { kind: 'variable', name: token.name, column: token.column };
      const args: Expr[] = [];
      if (!this.accept(')')) {
        do args.push(this.parseOr());
        while (this.accept(','));
        this.expect(')', `"," or ")" in the call of ${token.name}`);
      }
      return { kind: 'call', name: token.name, args, column: token.column };
    }
    if (this.accept('(')) {
      const inner = this.parseOr();
      this.expect(')', '")"');
      return { ...inner, column: token.column };
    }
    const what = token.kind === 'end' ? 'the expression ended' : `unexpected ${describeToken(token)}`;
    throw new ExpressionError(`${what}: expected a number, a name or "("`, token.column);
  }
}

/** Parses one expression (syntax only; names and types are checked by `check`). Throws ExpressionError. */
export function parse(source: string): Expr {
  if (source.trim() === '') throw new ExpressionError('the expression is empty', 1);
  return new Parser(tokenize(source)).parseAll();
}
