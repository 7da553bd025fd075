import assert from 'node:assert/strict';
import { formatSize, logFilesUrl, logFollowUrl, parseLogListing } from '../../web/src/model/logs';

describe('log listings', () => {
  it('reads job and workflow listings, skipping junk', () => {
    const job = parseLogListing({
      id: '~alice/w//1/a/01',
      kind: 'job',
      files: [
        { name: 'job.out', size: 12, modified: '2024-01-01T00:00:00Z' },
        { name: '' },
        null,
        { name: 'job.err', modified: 1704067200 },
      ],
    });
    assert.equal(job.kind, 'job');
    assert.deepEqual(job.files, [
      { name: 'job.out', size: 12, modified: '2024-01-01T00:00:00Z' },
      { name: 'job.err', size: undefined, modified: '2024-01-01T00:00:00.000Z' },
    ]);
    assert.deepEqual(parseLogListing({ kind: 'task', submits: ['01', 2, '02'] }).submits, ['01', '02']);
    assert.equal(parseLogListing('nope').kind, 'unknown');
  });

  it('builds the endpoint URLs with encoded IDs', () => {
    assert.equal(logFilesUrl('/user/alice/', '~alice/w//1/a/01'), '/user/alice/api/logs/files?id=~alice%2Fw%2F%2F1%2Fa%2F01');
    assert.equal(logFollowUrl('/p/', '~alice/w', 'log'), '/p/api/logs/file?id=~alice%2Fw&file=log&follow=1');
    assert.equal(
      logFollowUrl('/p/', '~alice/w', '01-start-01.log', 300),
      '/p/api/logs/file?id=~alice%2Fw&file=01-start-01.log&offset=300&follow=1',
    );
  });

  it('formats sizes', () => {
    assert.equal(formatSize(undefined), '');
    assert.equal(formatSize(512), '512 B');
    assert.equal(formatSize(2048), '2.0 KiB');
    assert.equal(formatSize(3 * 1024 * 1024), '3.0 MiB');
  });
});
