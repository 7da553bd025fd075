import assert from 'node:assert/strict';
import type { HostCandidate, HostMetrics } from '@isobar/core';
import { compile } from '../src/compile';
import { evaluate } from '../src/evaluate';
import { environmentOf } from '../src/names';
import type { Environment } from '../src/names';

const GB = 1024 ** 3;

const METRICS: HostMetrics = { load1: 3, load5: 2, load15: 1, cpus: 4, memAvailableBytes: 4 * GB, memTotalBytes: 16 * GB, uiservers: 5 };

const HOST: HostCandidate = { name: 'host-a', address: '127.0.0.2', pending: 2, metrics: METRICS };

const ENV = environmentOf(HOST) as Environment;

function value(source: string): number | boolean {
  const role = /[<>=]|\band\b|\bor\b|\bnot\b/.test(source) ? 'filter' : 'rank';
  return evaluate(compile(source, role).expr, ENV);
}

describe('ranking interpreter', () => {
  it('provides the metrics and the derived ratios', () => {
    assert.equal(value('load1'), 3);
    assert.equal(value('load5'), 2);
    assert.equal(value('load15'), 1);
    assert.equal(value('cpus'), 4);
    assert.equal(value('memAvailableBytes'), 4 * GB);
    assert.equal(value('memTotalBytes'), 16 * GB);
    assert.equal(value('uiservers'), 5);
    assert.equal(value('pending'), 2);
    assert.equal(value('loadPerCpu'), 0.75);
    assert.equal(value('memAvailableFraction'), 0.25);
    assert.equal(environmentOf({ ...HOST, metrics: undefined }), undefined);
  });

  it('does arithmetic with the usual precedence', () => {
    assert.equal(value('1 + 2 * 3'), 7);
    assert.equal(value('(1 + 2) * 3'), 9);
    assert.equal(value('10 - 4 - 3'), 3);
    assert.equal(value('2 * 3 % 4'), 2);
    assert.equal(value('-2 * -3'), 6);
    assert.equal(value('7 / 2'), 3.5);
    assert.equal(value('uiservers + pending'), 7);
    assert.equal(value('memAvailableBytes / 1G'), 4);
    assert.equal(value('min(load1, load5, load15)'), 1);
    assert.equal(value('max(load1, 10)'), 10);
    assert.equal(value('abs(load15 - load1)'), 2);
  });

  it('compares and combines', () => {
    assert.equal(value('load1 < 4'), true);
    assert.equal(value('load1 <= 3 and load1 >= 3'), true);
    assert.equal(value('load1 > 3'), false);
    assert.equal(value('cpus == 4 and cpus != 5'), true);
    assert.equal(value('load1 > 10 or memAvailableBytes >= 4G'), true);
    assert.equal(value('not load1 > 10'), true);
    assert.equal(value('not (load1 < 10 and cpus < 2)'), true);
    assert.equal(value('(load1 > 1) == (cpus > 1)'), true);
  });

  it('treats impossible ratios as NaN, which fails every comparison', () => {
    const odd = environmentOf({ ...HOST, metrics: { ...METRICS, cpus: 0, memTotalBytes: 0 } }) as Environment;
    assert.ok(Number.isNaN(odd.loadPerCpu));
    assert.equal(evaluate(compile('loadPerCpu < 100', 'filter').expr, odd), false);
    assert.equal(evaluate(compile('memAvailableFraction >= 0', 'filter').expr, odd), false);
  });
});
