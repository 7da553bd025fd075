import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { StdinError } from '../src/startup-errors';
import { readToEnd } from '../src/stdin';

describe('readToEnd', () => {
  it('reads chunks to EOF', async () => {
    const stream = new PassThrough();
    const text = readToEnd(stream, 100, 1000);
    stream.write('{"a":');
    stream.end(Buffer.from('"é"}'));
    assert.equal(await text, '{"a":"é"}');
  });

  it('refuses more than the limit', async () => {
    const stream = new PassThrough();
    const text = readToEnd(stream, 10, 1000);
    stream.write('0123456789');
    stream.write('x');
    await assert.rejects(text, StdinError);
  });

  it('refuses invalid UTF-8', async () => {
    const stream = new PassThrough();
    const text = readToEnd(stream, 10, 1000);
    stream.end(Buffer.from([0xff, 0xfe]));
    await assert.rejects(text, StdinError);
  });

  it('gives up when EOF never comes', async () => {
    const stream = new PassThrough();
    await assert.rejects(readToEnd(stream, 10, 50), /EOF/);
  });
});
