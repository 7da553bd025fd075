#!/usr/bin/env bash
# Real Cylc 8 for the Isobar test bed, and a recipe for a site administrator.
#
# Debian bookworm's cylc-flow 8.0.2 does not start on Python 3.11 as packaged
# (see the notes below). This script never
# modifies the system package: it builds a PRIVATE patched copy in
# $CYLC_PREFIX and a `cylc` wrapper command that uses it:
#
#   $CYLC_PREFIX/bin/cylc                  wrapper: puts lib/ first on sys.path and
#                                          calls cylc.flow.scripts.cylc:main (no
#                                          pkg_resources __requires__ check)
#   $CYLC_PREFIX/lib/cylc/                 copy of /usr/lib/python3/dist-packages/cylc,
#                                          scheduler.py: `main_loop_intervals: deque = …`
#                                          loses its annotation (Python 3.11 dataclass check)
#   $CYLC_PREFIX/lib/pyuv.py               stand-in for pyuv (only fs.scandir is used)
#   $CYLC_PREFIX/lib/pyuv-1.4.0.dist-info  metadata so `pyuv==1.4.*` is satisfied
#   /etc/cylc/flow/global.cylc             `cylc path` for localhost jobs: their login
#                                          shell resets PATH and would find /usr/bin/cylc
#
# Usage (as root; every step is idempotent):
#   test/bed/cylc.sh install   Debian packages, private copy, wrapper, global.cylc
#   test/bed/cylc.sh play [ID...]   install + start each fixture workflow (or only
#                                   those IDs, e.g. `play clouds`) AS ITS OWNER;
#                                   one already running is left alone
#   test/bed/cylc.sh stop [ID...]   stop them (cylc stop --now --now), as owner
#   test/bed/cylc.sh fresh [ID...]  stop, remove the run directory, install and
#                                   play again: back to the first cycle, as run1
#   CYLC_PLAY_ARGS="--pause " …     extra options for `cylc play` (e.g. start paused)
#   test/bed/cylc.sh status    `cylc scan` for each owner
#   test/bed/cylc.sh as USER CMD...   run a command as USER with the Cylc environment
#                                     (e.g. `cylc.sh as alice cylc scan`)
# Users run Cylc by putting $CYLC_PREFIX/bin first on PATH; nothing else is needed.
#
# Fixture workflows live in test/fixtures/workflows/<source>/flow.cylc and are
# installed as owner:source:workflow-id (see FIXTURES).
source "$(dirname "$0")/lib.sh"

CYLC_PREFIX=${ISOBAR_CYLC_PREFIX:-/opt/isobar-cylc}
CYLC_BIN=$CYLC_PREFIX/bin
CYLC_LIB=$CYLC_PREFIX/lib
SYSTEM_CYLC_PKG=/usr/lib/python3/dist-packages/cylc
SITE_CONF=/etc/cylc/flow/global.cylc
FIXTURE_DIR=$ISOBAR_SRC/test/fixtures/workflows
# owner:fixture source:workflow id
FIXTURES=(
  atmosphere_stage:clouds:clouds
  atmosphere_stage:winds:winds
  oceans_stage:waves:waves
  oceans_stage:currents:currents
  alice:broken:experiments/broken
  alice:marathon:experiments/marathon
)

# Runs a command as USER with a clean environment whose PATH finds the wrapper.
# A simple command, so the command's own pid is what runs.
as_user() {
  local user=$1
  shift
  local home
  home=$(getent passwd "$user" | cut -d: -f6)
  setpriv --reuid="$user" --regid="$user" --init-groups \
    env -i HOME="$home" USER="$user" LOGNAME="$user" SHELL=/bin/bash \
    PATH="$CYLC_BIN:/usr/bin:/bin" LANG=C.UTF-8 \
    bash -c 'cd "$HOME" && exec "$@"' as_user "$@"
}

install_packages() {
  local missing=()
  for p in cylc-flow rsync; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  fi
}

# Fix 1: wrapper + pyuv metadata. Fix 2: pyuv stand-in. Fix 3: scheduler.py annotation.
build_private_copy() {
  # Rebuilt only when Debian's package changes (or ISOBAR_CYLC_REBUILD=1), so
  # running schedulers never see a half-written copy.
  local stamp
  stamp="cylc-flow $(dpkg-query -W -f='${Version}' python3-cylc)"
  if [ "${ISOBAR_CYLC_REBUILD:-0}" != 1 ] && [ -x "$CYLC_BIN/cylc" ] && [ "$(cat "$CYLC_PREFIX/.built-from" 2>/dev/null)" = "$stamp" ]; then
    log "private Cylc copy in $CYLC_PREFIX is up to date ($stamp)"
    return 0
  fi
  log "building the private Cylc copy in $CYLC_PREFIX"
  install -d -m 0755 "$CYLC_BIN" "$CYLC_LIB"
  rsync -a --delete --exclude __pycache__ "$SYSTEM_CYLC_PKG/" "$CYLC_LIB/cylc/"

  local sched=$CYLC_LIB/cylc/flow/scheduler.py
  sed -i 's/^\(    main_loop_intervals\): deque = deque(maxlen=10)$/\1 = deque(maxlen=10)/' "$sched"
  grep -q '^    main_loop_intervals = deque(maxlen=10)$' "$sched" || {
    echo "could not patch $sched (unexpected cylc-flow version?)" >&2
    exit 1
  }

  install -d -m 0755 "$CYLC_LIB/pyuv-1.4.0.dist-info"
  printf 'Metadata-Version: 2.1\nName: pyuv\nVersion: 1.4.0\n' >"$CYLC_LIB/pyuv-1.4.0.dist-info/METADATA"

  cat >"$CYLC_LIB/pyuv.py" <<'EOF'
"""Stand-in for pyuv: Cylc 8.0.2 only uses it for an async directory listing
(cylc.flow.async_util.scandir). Synchronous, which is fine at that scale."""
import os


class _Request:
    def __init__(self, result):
        self.result = result


class Loop:
    _default = None

    @classmethod
    def default_loop(cls):
        if cls._default is None:
            cls._default = cls()
        return cls._default

    def run(self):
        return None


class fs:  # noqa: N801 (mirrors pyuv's module name)
    @staticmethod
    def scandir(loop, path, callback):
        try:
            with os.scandir(path) as entries:
                result = list(entries)
        except FileNotFoundError:
            result = None
        callback(_Request(result))
EOF

  cat >"$CYLC_BIN/cylc" <<EOF
#!/usr/bin/python3
# Isobar test bed: runs Debian's cylc-flow 8.0.2 with the private fixes in $CYLC_LIB.
import sys
sys.path.insert(0, '$CYLC_LIB')
from cylc.flow.scripts.cylc import main
sys.exit(main())
EOF
  chmod -R a+rX "$CYLC_PREFIX"
  chmod 0755 "$CYLC_BIN/cylc"
  # Byte-compile as root so users do not each try to write __pycache__ here.
  python3 -m compileall -q "$CYLC_LIB" >/dev/null || true
  chmod -R a+rX "$CYLC_PREFIX"
  echo "$stamp" >"$CYLC_PREFIX/.built-from"
}

write_site_config() {
  log "writing $SITE_CONF"
  install -d -m 0755 "$(dirname "$SITE_CONF")"
  cat >"$SITE_CONF" <<EOF
# Written by Isobar's test/bed/cylc.sh. Jobs run \`cylc message\` from a login
# shell whose PATH finds the broken /usr/bin/cylc: point them at the wrapper.
[platforms]
    [[localhost]]
        cylc path = $CYLC_BIN
EOF
  chmod 0644 "$SITE_CONF"
}

cmd_install() {
  need_root
  install_packages
  build_private_copy
  write_site_config
  "$CYLC_BIN/cylc" version >/dev/null
  log "cylc $("$CYLC_BIN/cylc" version) ready: $CYLC_BIN/cylc"
}

# Is workflow $2 of user $1 running? (contact file present and the scheduler answers)
is_running() {
  as_user "$1" cylc ping "$2" >/dev/null 2>&1
}

play_one() {
  local owner=$1 source=$2 id=$3
  local home src
  home=$(getent passwd "$owner" | cut -d: -f6)
  src=$home/cylc-src/$source
  # The owner's own copy of the source, so the owner never needs to read this repository.
  install -d -o "$owner" -g "$owner" -m 0755 "$home/cylc-src" "$src"
  install -o "$owner" -g "$owner" -m 0644 "$FIXTURE_DIR/$source/flow.cylc" "$src/flow.cylc"
  if is_running "$owner" "$id"; then
    log "$owner: $id already running"
    return 0
  fi
  if [ ! -e "$home/cylc-run/$id/runN" ]; then
    log "$owner: cylc install $id"
    as_user "$owner" cylc install --workflow-name="$id" "$src" >/dev/null
  fi
  log "$owner: cylc play ${CYLC_PLAY_ARGS:-}$id"
  # shellcheck disable=SC2086 # options, split on purpose
  as_user "$owner" cylc play ${CYLC_PLAY_ARGS:-} "$id" >/dev/null
}

stop_one() {
  local owner=$1 id=$3
  if is_running "$owner" "$id"; then
    log "$owner: cylc stop --now --now $id"
    as_user "$owner" cylc stop --now --now "$id" || true
  fi
  # `--now --now` leaves jobs running, which a restart picks up again. With
  # KILL_JOBS=1 (down.sh, fresh) they end too: marathon's would otherwise write
  # for an hour, into the next run's files after a `fresh`. Job scripts run
  # from the run's log directory, so their command lines name it.
  if [ "${KILL_JOBS:-0}" = 1 ]; then pkill -TERM -u "$owner" -f -- "/cylc-run/$id/" 2>/dev/null || true; fi
}

# Calls "$@" owner source id for each fixture, or only for those whose
# workflow ID is in $ONLY (space-separated; empty means all).
ONLY=""
for_each_fixture() {
  local f owner source id
  for f in "${FIXTURES[@]}"; do
    IFS=: read -r owner source id <<<"$f"
    if [ -n "$ONLY" ] && [[ " $ONLY " != *" $id "* ]]; then continue; fi
    "$@" "$owner" "$source" "$id"
  done
}

cmd_play() {
  need_root
  [ -x "$CYLC_BIN/cylc" ] && [ -f "$SITE_CONF" ] || cmd_install
  for_each_fixture play_one
}

cmd_stop() {
  need_root
  for_each_fixture stop_one
}

# Stops, removes and reinstalls: the workflow starts again at its first cycle, as run1.
fresh_one() {
  local owner=$1 id=$3
  local home
  home=$(getent passwd "$owner" | cut -d: -f6)
  KILL_JOBS=1 stop_one "$@"
  log "$owner: removing ~/cylc-run/$id"
  as_user "$owner" rm -rf "$home/cylc-run/$id"
  play_one "$@"
}

cmd_fresh() {
  need_root
  [ -x "$CYLC_BIN/cylc" ] && [ -f "$SITE_CONF" ] || cmd_install
  for_each_fixture fresh_one
}

cmd_status() {
  local owner
  for owner in $(printf '%s\n' "${FIXTURES[@]}" | cut -d: -f1 | sort -u); do
    echo "== $owner"
    as_user "$owner" cylc scan --states=all --format=name || true
  done
}

case "${1:-}" in
  install) cmd_install ;;
  play)
    shift
    ONLY="$*"
    cmd_play
    ;;
  stop)
    shift
    ONLY="$*"
    cmd_stop
    ;;
  fresh)
    shift
    ONLY="$*"
    cmd_fresh
    ;;
  status) cmd_status ;;
  as)
    need_root
    shift
    as_user "$@"
    ;;
  *)
    echo "usage: $0 install | play [ID...] | stop [ID...] | fresh [ID...] | status | as USER CMD..." >&2
    exit 2
    ;;
esac
