/**
 * The search filter: the configured template with `{person}` replaced by the
 * person's name escaped per RFC 4515 section 3, so that a name holding
 * "*", "(", ")" or "\" cannot widen or rewrite the search (a name of "*"
 * must not match every group).
 */

const PLACEHOLDER = '{person}';

/** RFC 4515 value escaping: the four special characters and NUL as \XX. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (ch) => `\\${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function buildFilter(template: string, person: string): string {
  return template.split(PLACEHOLDER).join(escapeFilterValue(person));
}

/** What is wrong with a filter template; undefined when it looks right. */
export function filterTemplateProblem(template: string): string | undefined {
  if (!template.includes(PLACEHOLDER)) return `must contain ${PLACEHOLDER}, which stands for the person's name`;
  if (!template.startsWith('(') || !template.endsWith(')')) return 'must be enclosed in parentheses, e.g. (memberUid={person})';
  let depth = 0;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (ch === '\\') i += 2;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth < 0) return 'has unbalanced parentheses';
      const next = template[i + 1];
      if (depth === 0 && next === '(') return 'holds more than one filter; combine them with (&...)';
      if (depth === 0 && next !== undefined && next !== ')') return 'has text after its closing parenthesis';
    }
  }
  return depth === 0 ? undefined : 'has unbalanced parentheses';
}
