# Shared settings of the Isobar test bed. Sourced by the other scripts.
# The test bed turns this one Debian machine into a small site: an
# unprivileged hub account, real unix users, and three sshd "hosts".
set -euo pipefail

ISOBAR_SRC=${ISOBAR_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
ISOBAR_PREFIX=${ISOBAR_PREFIX:-/opt/isobar}          # where the built suite is installed for everyone
ISOBAR_ETC=${ISOBAR_ETC:-/etc/isobar}                # site config
BED_ETC=$ISOBAR_ETC/testbed                          # test bed's own files (sshd configs, host keys)
BED_RUN=${BED_RUN:-/run/isobar-testbed}              # pid files
BED_LOG=${BED_LOG:-/var/log/isobar-testbed}          # logs of the bed's processes
HUB_ACCOUNT=isobar
HUB_HOME=/var/lib/isobar                             # the hub account's home and state directory
SSH_PORT=${ISOBAR_BED_SSH_PORT:-2222}
# name:address of each host
BED_HOSTS=(host-a:127.0.0.2 host-b:127.0.0.3 host-c:127.0.0.4)
BED_USERS=(jacintar atmosphere_stage oceans_stage alice bob)
PUBLIC_URL=${ISOBAR_PUBLIC_URL:-http://127.0.0.1:8000}

# A test user's password. Demo credentials for this machine's test bed only.
bed_password() { printf 'isobar-demo-%s' "$1"; }

log() { printf '[testbed] %s\n' "$*" >&2; }

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "the test bed sets up users and sshd: run it as root" >&2
    exit 1
  fi
}

# The prefix that runs a command as the hub account with a clean environment.
# A simple command, so `"${AS_HUB[@]}" cmd &` leaves the command's own pid in $!.
AS_HUB=(setpriv --reuid="$HUB_ACCOUNT" --regid="$HUB_ACCOUNT" --init-groups
  env -i HOME="$HUB_HOME" USER="$HUB_ACCOUNT" LOGNAME="$HUB_ACCOUNT" SHELL=/bin/sh
  PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8)
as_hub() { "${AS_HUB[@]}" "$@"; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
