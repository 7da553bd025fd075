#!/usr/bin/env bash
# Writes the test bed's site config (default $ISOBAR_ETC/site.yaml).
#   site.sh [FILE]   with optional overrides in the environment:
#   BED_IDLE_TIMEOUT, BED_KEEPALIVE, BED_POLL_INTERVAL, BED_SELECTOR,
#   BED_SELECTOR_OPTIONS (a YAML flow mapping), BED_DAEMON_PORT, BED_METRICS_MAX_AGE,
#   BED_CONNECTION_IDLE, BED_HUB_SERVICE_PORT (8770), BED_ELEVATION_SECONDS (900, both
#   levels), BED_ELEVATION_WRITE_SECONDS (write only; default as execute), BED_OWNERS_EXEMPT (true),
#   BED_ADMINS (hub admins, comma-separated; default alice: she may revoke elevations)
# Also writes the site policy layer $ISOBAR_ETC/authz.yaml (BED_AUTHZ_FILE overrides):
# everyone reads every workflow and may stop, play, hold, release, trigger, kill,
# pause and resume, up to the limit READ + CONTROL. Roles come from unix groups
# and from the bed's slapd (test/bed/ldap.sh, which writes the reader's secret).
source "$(dirname "$0")/lib.sh"
need_root
file=${1:-$ISOBAR_ETC/site.yaml}
authz_file=${BED_AUTHZ_FILE:-$ISOBAR_ETC/authz.yaml}
install -d -m 0755 "$ISOBAR_ETC"
selector_options=${BED_SELECTOR_OPTIONS:-'{}'}
elevation=${BED_ELEVATION_SECONDS:-900}
elevation_write=${BED_ELEVATION_WRITE_SECONDS:-$elevation}
owners_exempt=${BED_OWNERS_EXEMPT:-true}
ldap_port=${ISOBAR_LDAP_PORT:-3389}

# Read by every UI server (they run as the owners): world-readable, root's.
cat > "$authz_file.tmp" <<'YAML'
# Isobar site policy for this machine's test bed (written by test/bed/site.sh).
owners:
  '*':
    '*':
      default: [READ, stop, play, hold, release, trigger, kill, pause, resume]
      limit: [READ, CONTROL]
YAML
chmod 0644 "$authz_file.tmp"
mv "$authz_file.tmp" "$authz_file"
log "site policy: $authz_file"
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
  admins: [${BED_ADMINS-alice}]
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
hubService:
  listenPort: ${BED_HUB_SERVICE_PORT:-8770}
  elevation: { execute: $elevation, write: $elevation_write }
authz:
  siteFile: $authz_file
  ownersExempt: $owners_exempt
roles:
  - plugin: unix
  - plugin: ldap
    options:
      url: ldap://127.0.0.1:$ldap_port
      bindDN: cn=isobar-reader,dc=isobar,dc=test
      bindPasswordFile: $ISOBAR_ETC/ldap-reader.secret
      base: ou=groups,dc=isobar,dc=test
      filter: (&(objectClass=posixGroup)(memberUid={person}))
hosts:
YAML
  for entry in "${BED_HOSTS[@]}"; do
    printf '  - name: %s\n    address: %s\n    port: %s\n' "${entry%%:*}" "${entry#*:}" "$SSH_PORT"
  done
} > "$file.tmp"
chmod 0644 "$file.tmp"
mv "$file.tmp" "$file"
log "site config: $file"
