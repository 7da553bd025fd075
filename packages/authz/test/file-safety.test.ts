import assert from 'node:assert/strict';
import { checkFileSafety, checkFileSafetyOf, type FileStatus } from '../src/config/file-safety';
import { ConfigDir, currentUid, OWNER } from './fixtures';
import { Authorizer } from '../src/authorizer';
import { fixedLocations } from '../src/config/locations';

function status(uid: number, mode: number, isFile = true): FileStatus {
  return { uid, mode: (isFile ? 0o100000 : 0o040000) | mode, isFile: () => isFile };
}

describe('unsafe config files are refused', () => {
  const cases: [string, FileStatus, string | undefined][] = [
    ["the owner's file, 0644", status(1000, 0o644), undefined],
    ["the owner's file, 0600", status(1000, 0o600), undefined],
    ['owned by someone else', status(1001, 0o644), 'refused: owned by uid 1001, not by the workflow owner (uid 1000)'],
    ['owned by root', status(0, 0o644), 'refused: owned by uid 0, not by the workflow owner (uid 1000)'],
    ['group-writable', status(1000, 0o664), 'refused: others can write it (mode 0664); run chmod go-w on it'],
    ['world-writable', status(1000, 0o646), 'refused: others can write it (mode 0646); run chmod go-w on it'],
    ['a directory', status(1000, 0o755, false), 'refused: not a regular file'],
  ];
  for (const [what, fileStatus, reason] of cases) {
    it(`${what}: ${reason ?? 'accepted'}`, () => {
      const verdict = checkFileSafety(fileStatus, 1000);
      assert.deepEqual(verdict, reason === undefined ? { safe: true } : { safe: false, reason });
    });
  }

  it('checks a real file', () => {
    const dir = new ConfigDir();
    try {
      const file = dir.write('user.yaml', 'grants: {}\n', 0o666);
      assert.deepEqual(checkFileSafetyOf(file, currentUid()), {
        safe: false,
        reason: 'refused: others can write it (mode 0666); run chmod go-w on it',
      });
      assert.equal(checkFileSafetyOf(file, currentUid() + 1).safe, false);
      assert.match(checkFileSafetyOf(`${file}.missing`, currentUid()).safe ? '' : 'refused', /refused/);
    } finally {
      dir.remove();
    }
  });

  it('a refused user config denies everything it would have granted, and says why', () => {
    const dir = new ConfigDir();
    try {
      const site = dir.write('site.yaml', `owners:\n  '*':\n    '*':\n      default: [READ]\n      limit: [ALL]\n`);
      const user = dir.write('user.yaml', `grants:\n  mallory: [ALL]\n`, 0o666);
      const authorizer = new Authorizer({ locations: fixedLocations({ site, user }), ownerUid: () => currentUid(), recheckIntervalMs: 0 });
      const explanation = authorizer.explain('mallory', [], OWNER, 'clouds', 'broadcast');
      assert.equal(explanation.allowed, false);
      assert.equal(explanation.layer, 'user');
      assert.match(explanation.rule, /refused: others can write it \(mode 0666\)/);
      assert.equal(authorizer.decide('mallory', [], OWNER, 'clouds', 'jobs').allowed, false);
      assert.match(explanation.problems[0] ?? '', /user\.yaml: refused: others can write it/);
      // The owner's account unknown: nobody can vouch for the file.
      const unknown = new Authorizer({ locations: fixedLocations({ site, user }), ownerUid: () => undefined });
      assert.match(unknown.decide('mallory', [], OWNER, 'clouds', 'jobs').rule, /owner's account is unknown/);
    } finally {
      dir.remove();
    }
  });
});
