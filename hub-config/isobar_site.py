"""Reads the Isobar site config through the project's one validator
(packages/core's check-site-config), so the hub and the daemon can never
disagree about what a key means. An invalid file stops the hub with the
validator's message, which names the file, line and key.
"""

import json
import os
import shutil
import subprocess
import sys

PREFIX = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECKER = os.path.join(PREFIX, "packages", "core", "dist", "src", "cli", "check-site-config.js")


def node_binary():
    return os.environ.get("ISOBAR_NODE") or shutil.which("node") or "/usr/bin/node"


def load_site_config(path):
    try:
        result = subprocess.run(
            [node_binary(), CHECKER, path],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except OSError as e:
        sys.exit(f"isobar: cannot run the site config checker {CHECKER}: {e}")
    if result.returncode != 0:
        sys.exit(f"isobar: the site config is invalid, the hub will not start:\n{result.stderr.strip()}")
    return json.loads(result.stdout)
