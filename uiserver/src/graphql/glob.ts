/**
 * Shell-style globs as Cylc matches IDs (Python's fnmatchcase): `*` any
 * run of characters (including "/"), `?` one character, `[abc]`, `[!abc]`;
 * case-sensitive; everything else literal.
 */

/** Compiled patterns; filters repeat the same few, and the bound keeps odd input from growing it. */
const compiled = new Map<string, RegExp>();
const MAX_COMPILED = 1000;

function hasGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

function escapeLiteral(char: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(char) ? `\\${char}` : char;
}

/** The class starting at `pattern[start]` ("["), or undefined when unclosed (then "[" is literal, as in fnmatch). */
function translateClass(pattern: string, start: number): { source: string; end: number } | undefined {
  let i = start + 1;
  if (pattern[i] === '!') i++;
  if (pattern[i] === ']') i++;
  while (i < pattern.length && pattern[i] !== ']') i++;
  if (i >= pattern.length) return undefined;
  let body = pattern.slice(start + 1, i);
  const negate = body.startsWith('!');
  if (negate) body = body.slice(1);
  const escaped = body.replace(/[\\^\]]/g, (c) => `\\${c}`);
  return { source: `[${negate ? '^' : ''}${escaped}]`, end: i };
}

function translate(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const cls = translateClass(pattern, i);
      if (cls === undefined) source += '\\[';
      else {
        source += cls.source;
        i = cls.end;
      }
    } else source += escapeLiteral(char);
  }
  return new RegExp(`^${source}$`, 's');
}

export function globMatches(pattern: string, text: string): boolean {
  if (!hasGlob(pattern)) return pattern === text;
  let regexp = compiled.get(pattern);
  if (regexp === undefined) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    regexp = translate(pattern);
    compiled.set(pattern, regexp);
  }
  return regexp.test(text);
}
