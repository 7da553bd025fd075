/**
 * cylc-uiserver 1.1.0's figures as quoted in issue 3 (and
 * shared/facts/cylc.md), measured on this kind of machine. They are quoted,
 * not measured in this run: the Python server cannot be installed here
 * (no PyPI access), so every table marks them as such.
 */
export const PEER_NAME = 'peer: cylc-uiserver 1.1.0 (quoted, not measured in this run)';

export const PEER = {
  readOneWorkflow: { p50: '2.2 ms', p99: '4.5 ms' },
  readElevenWorkflows: { p50: '127 ms', p99: '1.07 s', load: '27–35' },
  firstAnswer: '1.1 s idle, 1.6 s with a workflow running',
  workflowVisible: '1.7 s',
  rssIdle: '83 MB',
  rssOneWorkflow: '84 MB',
  rssElevenWorkflows: '86 MB',
} as const;
