#!/usr/bin/env bash
# Installs what Isobar and its test bed need, builds the suite and installs
# the build in $ISOBAR_PREFIX, readable by every user. Idempotent.
source "$(dirname "$0")/lib.sh"
need_root

APT_PACKAGES=(curl jupyterhub openssh-server openssh-client chromium rsync procps psmisc util-linux passwd python3-pamela)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

cd "$ISOBAR_SRC"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund
fi
log "building"
npm run build --silent

log "installing the build in $ISOBAR_PREFIX"
mkdir -p "$ISOBAR_PREFIX"
rsync -a --delete --exclude .git --exclude '/test/' --exclude '*.tsbuildinfo' "$ISOBAR_SRC/" "$ISOBAR_PREFIX/"
chmod -R a+rX "$ISOBAR_PREFIX"
