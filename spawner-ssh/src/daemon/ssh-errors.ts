/**
 * Why an SSH operation failed, in the terms the failover logic needs:
 * only a host-level fault (unreachable, wrong host key, timeout) makes the
 * daemon back off from that host; a refused user or a launcher error does not.
 */
export type SshFailureKind = 'unreachable' | 'hostkey' | 'auth' | 'timeout' | 'remote';

export class SshFailure extends Error {
  readonly code = 'SSH_FAILURE';
  constructor(
    readonly kind: SshFailureKind,
    message: string,
  ) {
    super(message);
  }

  /** Faults of the host itself, as opposed to the user or the request. */
  get isHostFault(): boolean {
    return this.kind === 'unreachable' || this.kind === 'hostkey' || this.kind === 'timeout';
  }
}

interface Ssh2Error extends Error {
  level?: string;
  code?: string;
}

export function classifyConnectError(err: Ssh2Error, hostKeyRejected: boolean): SshFailure {
  if (hostKeyRejected) return new SshFailure('hostkey', 'host key does not match known_hosts (refusing to connect)');
  if (err.level === 'client-authentication')
    return new SshFailure('auth', 'the hub key was not accepted (is the authorized_keys line installed?)');
  if (err.level === 'client-timeout') return new SshFailure('timeout', 'timed out connecting');
  const code = err.code ? `${err.code}: ` : '';
  return new SshFailure('unreachable', `${code}${err.message}`.replace(/^(\w+): connect \1 /, '$1 '));
}
