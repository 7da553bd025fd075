#!/usr/bin/env bash
# npm run bench:authz: the policy engine's decision benchmark, then raising
# privileges in Chromium next to the hub's own authenticator and login, on
# the test bed. Results: test/bench/authz-results.md.
exec bash "$(dirname "$0")/on-bed.sh" dist/bench/authz/run.js
