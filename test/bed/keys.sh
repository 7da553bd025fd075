#!/usr/bin/env bash
# Installs the authorized_keys line printed by `isobar-spawner authorized-keys`
# for each test user and for the hub account (which asks hosts for metrics).
# Needs the site config ($ISOBAR_SITE_CONFIG) for the key and launcher paths.
source "$(dirname "$0")/lib.sh"
need_root
site=${ISOBAR_SITE_CONFIG:-$ISOBAR_ETC/site.yaml}
line=$(as_hub node "$ISOBAR_PREFIX/spawner-ssh/dist/src/daemon/main.js" authorized-keys --config "$site")
for user in "${BED_USERS[@]}" "$HUB_ACCOUNT"; do
  home=$(getent passwd "$user" | cut -d: -f6)
  install -d -m 0700 -o "$user" -g "$(id -gn "$user")" "$home/.ssh"
  printf '%s\n' "$line" > "$home/.ssh/authorized_keys"
  chown "$user:$(id -gn "$user")" "$home/.ssh/authorized_keys"
  chmod 0600 "$home/.ssh/authorized_keys"
done
log "installed the launcher key for ${BED_USERS[*]} $HUB_ACCOUNT"
