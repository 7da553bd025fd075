/**
 * Problems found before the server starts; main.ts exits 2 for all of them.
 * Messages name the offending key or argument but never echo a value, since
 * the value may be the API token.
 */
export type StartupErrorCode = 'USAGE' | 'STDIN' | 'CONFIG';

export abstract class StartupError extends Error {
  abstract readonly code: StartupErrorCode;
}

/** Wrong command-line arguments. */
export class UsageError extends StartupError {
  readonly code = 'USAGE';
  override readonly name = 'UsageError';
}

/** stdin could not be read as one document (too big, not UTF-8, no EOF in time). */
export class StdinError extends StartupError {
  readonly code = 'STDIN';
  override readonly name = 'StdinError';
}

/** The launch document is not valid; `key` says where (e.g. `env.JUPYTERHUB_API_URL`). */
export class ConfigError extends StartupError {
  readonly code = 'CONFIG';
  override readonly name = 'ConfigError';
  constructor(
    readonly key: string,
    problem: string,
  ) {
    super(`${key}: ${problem}`);
  }
}
