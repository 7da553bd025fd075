/** Starts and stops the peer hub (LocalProcessSpawner + jupyterhub-singleuser) for the spawn benchmark. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sleep } from '../lib/bed';
import { PREFIX } from '../lib/daemon';

export const PEER_USER = 'isobar-peer';
export const PEER_STATE = '/var/lib/isobar-peer';
export const PEER_URL = 'http://127.0.0.1:8100';

export interface PeerHub {
  token: string;
  stop(): Promise<void>;
}

export async function startPeerHub(): Promise<PeerHub> {
  const token = randomBytes(32).toString('hex');
  const child: ChildProcess = spawn(
    'setpriv',
    [
      '--reuid',
      PEER_USER,
      '--regid',
      PEER_USER,
      '--init-groups',
      '/usr/bin/jupyterhub',
      '-f',
      join(__dirname, '..', '..', 'bench', 'peer_hub_config.py'),
    ],
    {
      cwd: PEER_STATE,
      env: {
        PATH: '/usr/bin:/bin',
        HOME: PEER_STATE,
        USER: PEER_USER,
        PEER_STATE,
        PEER_USER,
        PEER_BENCH_TOKEN: token,
        ISOBAR_PREFIX: PREFIX,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  child.stderr!.on('data', (d) => (log = (log + d).slice(-4000)));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`peer hub exited: ${log}`);
    try {
      if ((await fetch(`${PEER_URL}/hub/api/`)).ok) break;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  return {
    token,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
