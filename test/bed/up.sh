#!/usr/bin/env bash
# Brings up the whole system on this machine: installs and builds, creates
# the hub account and users, starts three sshd hosts, the hub and the
# owners' Cylc workflows, and prints
# where to log in. Safe to run again.
source "$(dirname "$0")/lib.sh"
need_root
here=$(dirname "$0")
"$here/setup.sh"
"$here/hub.sh" start
"$here/cylc.sh" play
cat <<MSG

Isobar is up.
  Open:      $PUBLIC_URL/hub/login
  Log in as: jacintar / $(bed_password jacintar)
  Then open: $PUBLIC_URL/user/atmosphere_stage/   (jacintar visiting atmosphere_stage's UI server)
  Other users: ${BED_USERS[*]} (password: isobar-demo-<user>)
  Workflows: atmosphere_stage runs clouds and winds, oceans_stage waves and currents
  Stop it:   bash test/bed/down.sh
MSG
