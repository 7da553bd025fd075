import assert from 'node:assert/strict';
import { buildFilter, escapeFilterValue, filterTemplateProblem } from '../src/filter';

describe('roles-ldap: filter', () => {
  it('escapes the RFC 4515 specials and nothing else', () => {
    assert.equal(escapeFilterValue('jacintar'), 'jacintar');
    assert.equal(escapeFilterValue('*'), '\\2a');
    assert.equal(escapeFilterValue('a(b)c\\d'), 'a\\28b\\29c\\5cd');
    assert.equal(escapeFilterValue('nul\0'), 'nul\\00');
    assert.equal(escapeFilterValue('jean.dupont@example.org é'), 'jean.dupont@example.org é');
  });

  it('puts the escaped name in every {person}', () => {
    assert.equal(buildFilter('(|(memberUid={person})(uid={person}))', 'x)(cn=*'), '(|(memberUid=x\\29\\28cn=\\2a)(uid=x\\29\\28cn=\\2a))');
  });

  it('checks templates', () => {
    assert.equal(filterTemplateProblem('(&(objectClass=posixGroup)(memberUid={person}))'), undefined);
    assert.equal(filterTemplateProblem('(cn=a\\29b)(x={person})'), 'holds more than one filter; combine them with (&...)');
    assert.match(filterTemplateProblem('(memberUid=jacintar)') ?? '', /must contain \{person\}/);
    assert.match(filterTemplateProblem('memberUid={person}') ?? '', /enclosed in parentheses/);
    assert.equal(filterTemplateProblem('(&(memberUid={person})'), 'has unbalanced parentheses');
    assert.equal(filterTemplateProblem('(memberUid={person}))'), 'has unbalanced parentheses');
    assert.equal(filterTemplateProblem('(memberUid=a\\29{person})'), undefined);
    assert.equal(filterTemplateProblem('(memberUid={person})x)'), 'has text after its closing parenthesis');
  });
});
