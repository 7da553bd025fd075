import assert from 'node:assert/strict';
import { readGrantsLayer } from '../src/config/parse-grants';
import { readSiteLayer } from '../src/config/parse-site';
import { ProblemList } from '../src/config/problems';
import { readSimpleYaml } from '../src/config/simple-yaml';
import { readYaml, type ParsedDocument } from '../src/config/yaml-document';

const FILE = '/home/atmosphere_stage/.isobar/authz.yaml';

function fast(text: string): ParsedDocument | undefined {
  const simple = readSimpleYaml(text);
  return simple === undefined ? undefined : { ok: true, root: simple.root, problems: new ProblemList(FILE, simple.lineCounter) };
}

/** Files the fast reader must read exactly as the full parser does. */
const TAKEN = [
  '',
  '# only a comment\n',
  `grants:\n  '*': []\n  'role:forecasters': [READ]\n`,
  `grants:\n  alice: [CONTROL, '!kill']   # no kill\n  "group:ops": READ\n\n  bob: ['!stop']\n`,
  `# who\ngrants:\n    role:ops: [ api/logs/*, setOutputs ,stop ]\n    carol: 'execute'\n`,
  `grants:\n  dave: [READ]\n  zed.x@site: [write]`,
  `grants:\n  alice: [stpo]\n`,
  `grant:\n  alice: [READ]\n`,
];

const SITE_TAKEN = [
  `owners:\n  '*':\n    '*':\n      default: [READ, stop, play]\n      limit: [READ, CONTROL]\n  atmosphere_stage:\n    'role:ops':\n      limit: [ALL]\n`,
  `owners:\n  '*':\n    '*':\n      default: []\n    # a comment between entries\n    group:g1:\n      default: [READ]\n`,
];

/** Files outside the subset it is sure of: it must decline them. */
const DECLINED = [
  `grants:\n\talice: [READ]\n`,
  `grants:\r\n  alice: [READ]\r\n`,
  `grants:\n  alice: [READ]\n  alice: [stop]\n`,
  `grants:\n  alice:\n    - READ\n`,
  `grants:\n  alice: [READ,\n    stop]\n`,
  `grants:\n  alice: &a [READ]\n  bob: *a\n`,
  `grants:\n  alice: [true]\n`,
  `grants:\n  null: [READ]\n`,
  `grants:\n  alice: ['it''s']\n`,
  `grants:\n  alice: ["\\u0041"]\n`,
  `grants:\n  alice:\n`,
  `grants:\n  alice: [READ]\n   bob: [READ]\n`,
  `grants: {alice: [READ]}\n`,
  `---\ngrants:\n  alice: [READ]\n`,
  `grants:\n  alice: [READ, ]\n`,
  `grants:\n  alice: [READ]#x\n`,
  `  grants:\n    alice: [READ]\n`,
  `grants:\n  123: [READ]\n`,
];

describe('the fast YAML reader', () => {
  for (const text of TAKEN) {
    it(`reads ${JSON.stringify(text)} as the full parser does`, () => {
      const parsed = fast(text);
      assert.ok(parsed !== undefined, 'taken');
      assert.deepEqual(readGrantsLayer(parsed, FILE, 'user'), readGrantsLayer(readYaml(text, FILE), FILE, 'user'));
    });
  }
  for (const text of SITE_TAKEN) {
    it(`reads the site file ${JSON.stringify(text.slice(0, 40))}… as the full parser does`, () => {
      const parsed = fast(text);
      assert.ok(parsed !== undefined, 'taken');
      assert.deepEqual(readSiteLayer(parsed, FILE), readSiteLayer(readYaml(text, FILE), FILE));
    });
  }
  for (const text of DECLINED) {
    it(`declines ${JSON.stringify(text)}`, () => assert.equal(readSimpleYaml(text), undefined));
  }
});
