/**
 * Heavy and native modules, loaded on first use. A UI server is started for
 * every visit; one whose owner has no running workflow (or that has not
 * been asked for data yet) should not pay ~15 MB for CurveZMQ, SQLite and
 * protobuf it never calls. Types come from static `import type`s, so
 * nothing is lost but the eager load.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- deferred loading is the point of this file */
import type BetterSqlite3 from 'better-sqlite3';
import type * as Protobuf from 'protobufjs';
import type * as Descriptor from 'protobufjs/ext/descriptor';
import type * as ProtobufLight from 'protobufjs/light';
import type * as Zmq from 'zeromq';

export function zeromq(): typeof Zmq {
  return require('zeromq') as typeof Zmq;
}

export function betterSqlite3(): typeof BetterSqlite3 {
  return require('better-sqlite3') as typeof BetterSqlite3;
}

/** protobufjs without its .proto parser: enough for schemas given as JSON. */
export function protobufLight(): typeof ProtobufLight {
  return require('protobufjs/light') as typeof ProtobufLight;
}

/** Full protobufjs with the descriptor extension, for reading Cylc's own schema. */
export function protobufDescriptor(): { protobuf: typeof Protobuf; descriptor: typeof Descriptor } {
  return {
    protobuf: require('protobufjs') as typeof Protobuf,
    descriptor: require('protobufjs/ext/descriptor') as typeof Descriptor,
  };
}
