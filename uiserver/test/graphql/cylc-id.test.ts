import assert from 'node:assert/strict';
import {
  parseElementId,
  parseNodePattern,
  parseWorkflowPattern,
  tokensMatch,
  workflowIdOf,
  workflowMatches,
  InvalidIdError,
} from '../../src/graphql/cylc-id';
import { globMatches } from '../../src/graphql/glob';

describe('Cylc ID globs', () => {
  it('match as fnmatchcase does', () => {
    assert.ok(globMatches('clim*', 'climb'));
    assert.ok(globMatches('*', 'clouds/run1'), '* crosses "/" as in fnmatch');
    assert.ok(globMatches('run?', 'run1'));
    assert.ok(!globMatches('run?', 'run10'));
    assert.ok(globMatches('[ab]x', 'bx'));
    assert.ok(globMatches('[!ab]x', 'cx'));
    assert.ok(!globMatches('[!ab]x', 'ax'));
    assert.ok(globMatches('a[b', 'a[b'), 'an unclosed [ is literal');
    assert.ok(globMatches('a.b', 'a.b'));
    assert.ok(!globMatches('a.b', 'axb'), 'regexp characters are literal');
    assert.ok(!globMatches('Climb', 'climb'), 'case-sensitive');
  });

  const clouds = { id: '~alice/clouds/run1', name: 'clouds/run1', status: 'running' };

  it('match workflows by owner, name and status', () => {
    const matches = (pattern: string): boolean => workflowMatches(parseWorkflowPattern(pattern), clouds);
    assert.ok(matches('~alice/clouds/run1'));
    assert.ok(matches('clouds/run1'), 'without ~owner/ any owner matches');
    assert.ok(matches('~alice/*'));
    assert.ok(matches('~alice'));
    assert.ok(matches('~alice/clouds/*'));
    assert.ok(matches('~alice/clouds/run1//1/climb'), 'the relative part does not restrict a workflow filter');
    assert.ok(matches('~alice/clouds/run1:running'));
    assert.ok(!matches('~alice/clouds/run1:paused'));
    assert.ok(!matches('~bob/clouds/run1'));
    assert.ok(!matches('clouds'));
    assert.ok(!matches(''), 'an empty pattern matches nothing');
  });

  it('match task proxies and jobs, relative or in full', () => {
    const proxy = parseElementId('~alice/clouds/run1//2/climb');
    const job = parseElementId('~alice/clouds/run1//2/climb/01');
    const matches = (pattern: string, tokens = proxy, state = 'running'): boolean => tokensMatch(parseNodePattern(pattern), tokens, state);
    assert.ok(matches('2/climb'));
    assert.ok(matches('*/climb'));
    assert.ok(matches('2/*'));
    assert.ok(matches('2'));
    assert.ok(matches('//2/climb'));
    assert.ok(matches('~alice/clouds/run1//2/climb'));
    assert.ok(matches('~alice/*//2/clim*'));
    assert.ok(matches('clouds/run1//2/climb'), 'a full ID without an owner');
    assert.ok(matches('2/climb:running'));
    assert.ok(!matches('2/climb:waiting'));
    assert.ok(!matches('~bob/*//2/climb'));
    assert.ok(!matches('1/climb'));
    assert.ok(!matches('2/climb/01'), 'a job pattern does not match a task proxy');
    assert.ok(matches('2/climb/01', job));
    assert.ok(matches('*/*/0?', job));
    assert.ok(!matches('2/climb/02', job));
  });

  it('refuse what is not an ID', () => {
    assert.throws(() => parseNodePattern('1/a/01/extra'), InvalidIdError);
  });

  it('split element IDs', () => {
    assert.deepEqual(parseElementId('~alice/clouds/run1//1/climb/01'), {
      user: 'alice',
      workflow: 'clouds/run1',
      cycle: '1',
      task: 'climb',
      job: '01',
    });
    assert.equal(workflowIdOf('~alice/clouds/run1//1/climb/01'), '~alice/clouds/run1');
    assert.equal(workflowIdOf('~alice/clouds/run1'), '~alice/clouds/run1');
  });
});
