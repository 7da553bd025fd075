#!/usr/bin/env bash
# Tears the test bed's processes down again by pid: the hub (which stops its
# proxy and the spawner daemon), every UI server, the Cylc schedulers, the
# test directory (slapd), then the sshd hosts.
source "$(dirname "$0")/lib.sh"
need_root
"$(dirname "$0")/hub.sh" stop
# Spawner daemons that tests and benchmarks started on their own ports.
pkill -TERM -f -- 'spawner-ssh/dist/src/daemon/main.js' 2>/dev/null || true
# UI servers outlive the hub by design; the bed ends them explicitly.
for pid in $(pgrep -f -- '--isobar-uiserver' || true); do kill -TERM "$pid" 2>/dev/null || true; done
sleep 1
for pid in $(pgrep -f -- '--isobar-uiserver' || true); do kill -KILL "$pid" 2>/dev/null || true; done
# Cylc schedulers the tests started (their fixtures cycle until stopped).
if [ -x /opt/isobar-cylc/bin/cylc ]; then KILL_JOBS=1 "$(dirname "$0")/cylc.sh" stop >/dev/null 2>&1 || true; fi
"$(dirname "$0")/ldap.sh" stop
"$(dirname "$0")/hosts.sh" stop
