#!/usr/bin/env bash
# Creates the unprivileged hub account and the test users, and installs the
# hub's key in each user's authorized_keys, restricted to the launcher.
source "$(dirname "$0")/lib.sh"
need_root

# The hub account: not root, no password login; in "shadow" so PAM can check passwords.
if ! id "$HUB_ACCOUNT" >/dev/null 2>&1; then
  log "creating the hub account $HUB_ACCOUNT"
  useradd --system --home-dir "$HUB_HOME" --create-home --shell /bin/bash "$HUB_ACCOUNT"
fi
usermod -p '*' -a -G shadow "$HUB_ACCOUNT"
install -d -m 0700 -o "$HUB_ACCOUNT" -g "$HUB_ACCOUNT" "$HUB_HOME" "$HUB_HOME/.ssh"
if [ ! -f "$HUB_HOME/.ssh/id_ed25519" ]; then
  as_hub ssh-keygen -q -t ed25519 -N '' -C "isobar-hub" -f "$HUB_HOME/.ssh/id_ed25519"
fi

for user in "${BED_USERS[@]}"; do
  if ! id "$user" >/dev/null 2>&1; then
    log "creating user $user"
    useradd --create-home --shell /bin/bash "$user"
  fi
  echo "$user:$(bed_password "$user")" | chpasswd
done

# A unix group for the policy tests (roles from unix groups, next to the LDAP ones in ldap.sh).
getent group forecast-duty >/dev/null || groupadd forecast-duty
for member in jacintar bob; do
  id -nG "$member" | tr ' ' '\n' | grep -qx forecast-duty || usermod -a -G forecast-duty "$member"
done
