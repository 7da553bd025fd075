import assert from 'node:assert/strict';
import { createLogger, formatLogLine, levelFromEnv } from '../src/logger';

const NOW = new Date('2026-11-26T15:00:00.000Z');

function capture(level?: 'debug' | 'info' | 'warn' | 'error' | 'silent') {
  const lines: string[] = [];
  const logger = createLogger('spawner', {
    ...(level === undefined ? {} : { level }),
    write: (line) => lines.push(line),
    now: () => NOW,
  });
  return { logger, lines };
}

describe('logger', () => {
  it('writes one line: time LEVEL [component] message key=value', () => {
    const { logger, lines } = capture('info');
    logger.info('spawned', { user: 'alice', host: 'host-b', port: 4242, ok: true });
    assert.deepEqual(lines, ['2026-11-26T15:00:00.000Z INFO [spawner] spawned user=alice host=host-b port=4242 ok=true']);
  });

  it('quotes values that contain spaces, and keeps one line', () => {
    assert.equal(
      formatLogLine(NOW, 'warn', 'hub', 'line one\nline two', { reason: 'host unreachable', empty: '', obj: { a: 1 } }),
      '2026-11-26T15:00:00.000Z WARN [hub] line one\\nline two reason="host unreachable" empty="" obj={"a":1}',
    );
    assert.equal(
      formatLogLine(NOW, 'error', 'x', 'm', { err: new Error('boom bang') }),
      '2026-11-26T15:00:00.000Z ERROR [x] m err="boom bang"',
    );
  });

  it('never logs credentials, even nested', () => {
    const { logger, lines } = capture('debug');
    logger.debug('spawn', {
      token: 'abc',
      hubToken: 'def',
      password: 'p',
      oauth_client_secret: 's',
      env: { JUPYTERHUB_API_TOKEN: 't', HOME: '/home/a' },
    });
    assert.equal(lines.length, 1);
    const line = lines[0] ?? '';
    for (const secret of ['abc', 'def', '=p', '"t"', '=s']) assert.ok(!line.includes(secret), `${secret} leaked in ${line}`);
    assert.match(line, /token=\[redacted\] hubToken=\[redacted\] password=\[redacted\] oauth_client_secret=\[redacted\]/);
    assert.match(line, / env=\{"JUPYTERHUB_API_TOKEN":"\[redacted\]","HOME":"\/home\/a"\}$/);
  });

  it('filters by level', () => {
    const { logger, lines } = capture('warn');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    assert.deepEqual(
      lines.map((line) => line.split(' ')[1]),
      ['WARN', 'ERROR'],
    );
    const silent = capture('silent');
    silent.logger.error('nothing');
    assert.deepEqual(silent.lines, []);
  });

  it('reads the level from ISOBAR_LOG_LEVEL, defaulting to info', () => {
    assert.equal(levelFromEnv({}), 'info');
    assert.equal(levelFromEnv({ ISOBAR_LOG_LEVEL: 'DEBUG' }), 'debug');
    assert.equal(levelFromEnv({ ISOBAR_LOG_LEVEL: 'loud' }), 'info');
  });
});
