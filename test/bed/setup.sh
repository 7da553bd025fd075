#!/usr/bin/env bash
# Sets up the test bed without starting the hub: installs and builds, creates
# the hub account and users, starts the test directory (slapd), installs Cylc, writes the site config, starts
# the sshd hosts and installs the hub's restricted key. Used by up.sh,
# run-tests.sh and the benchmarks. Idempotent.
source "$(dirname "$0")/lib.sh"
need_root
here=$(cd "$(dirname "$0")" && pwd)
"$here/install.sh"
"$here/users.sh"
"$here/ldap.sh" start
"$here/cylc.sh" install
"$here/site.sh"
"$here/hosts.sh" start
"$here/keys.sh"
