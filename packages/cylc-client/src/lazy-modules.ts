/**
 * Heavy and native modules, loaded on first use. A UI server is started for
 * every visit; one whose owner has no running workflow (or that has not
 * been asked for data yet) should not pay ~15 MB for CurveZMQ, SQLite and
 * protobuf it never calls. Types come from static `import type`s, so
 * nothing is lost but the eager load.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- deferred loading is the point of this file */

export function zeromq(): typeof import('zeromq') {
  return require('zeromq') as typeof import('zeromq');
}

export function betterSqlite3(): typeof import('better-sqlite3') {
  return require('better-sqlite3') as typeof import('better-sqlite3');
}

/** protobufjs without its .proto parser: enough for schemas given as JSON. */
export function protobufLight(): typeof import('protobufjs/light') {
  return require('protobufjs/light') as typeof import('protobufjs/light');
}

/** Full protobufjs with the descriptor extension, for reading Cylc's own schema. */
export function protobufDescriptor(): { protobuf: typeof import('protobufjs'); descriptor: typeof import('protobufjs/ext/descriptor') } {
  return {
    protobuf: require('protobufjs') as typeof import('protobufjs'),
    descriptor: require('protobufjs/ext/descriptor') as typeof import('protobufjs/ext/descriptor'),
  };
}
