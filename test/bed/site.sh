#!/usr/bin/env bash
# Writes the test bed's site config (default $ISOBAR_ETC/site.yaml).
#   site.sh [FILE]   with optional overrides in the environment:
#   BED_IDLE_TIMEOUT, BED_KEEPALIVE, BED_POLL_INTERVAL, BED_SELECTOR,
#   BED_SELECTOR_OPTIONS (a YAML flow mapping), BED_DAEMON_PORT, BED_METRICS_MAX_AGE,
#   BED_CONNECTION_IDLE
source "$(dirname "$0")/lib.sh"
need_root
file=${1:-$ISOBAR_ETC/site.yaml}
install -d -m 0755 "$ISOBAR_ETC"
selector_options=${BED_SELECTOR_OPTIONS:-'{}'}
{
  cat <<YAML
# Isobar site config for this machine's test bed (written by test/bed/site.sh).
hub:
  publicUrl: $PUBLIC_URL
  hubIp: 127.0.0.1
  hubPort: 8081
  proxyApiPort: 8001
  stateDir: $HUB_HOME
  pollInterval: ${BED_POLL_INTERVAL:-10}
  implicitSpawnSeconds: 1
  owners: [$(IFS=,; echo "${BED_USERS[*]}")]
spawner:
  listenHost: 127.0.0.1
  listenPort: ${BED_DAEMON_PORT:-8765}
  privateKey: $HUB_HOME/.ssh/id_ed25519
  knownHosts: $HUB_HOME/.ssh/known_hosts
  launcherCommand: $ISOBAR_PREFIX/spawner-ssh/bin/isobar-launcher
  hostBackoff: 10
  connectionIdleTimeout: ${BED_CONNECTION_IDLE:-60}
  metricsUser: $HUB_ACCOUNT
  metricsMaxAge: ${BED_METRICS_MAX_AGE:-5}
selector:
  plugin: ${BED_SELECTOR:-least-loaded}
  options: $selector_options
uiserver:
  idleTimeout: ${BED_IDLE_TIMEOUT:-600}
  keepaliveInterval: ${BED_KEEPALIVE:-30}
  cylcCommand: ${BED_CYLC_COMMAND:-/opt/isobar-cylc/bin/cylc}
hosts:
YAML
  for entry in "${BED_HOSTS[@]}"; do
    printf '  - name: %s\n    address: %s\n    port: %s\n' "${entry%%:*}" "${entry#*:}" "$SSH_PORT"
  done
} > "$file.tmp"
chmod 0644 "$file.tmp"
mv "$file.tmp" "$file"
log "site config: $file"
