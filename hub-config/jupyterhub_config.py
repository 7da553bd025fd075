"""JupyterHub configuration for Isobar.

Load with an unmodified JupyterHub (3.x to 5.x), run as the unprivileged hub
account:  jupyterhub -f /opt/isobar/hub-config/jupyterhub_config.py
Site settings come from one file, ISOBAR_SITE_CONFIG (default
/etc/isobar/site.yaml); see packages/core/README.md for its keys.
"""

import grp
import os
import pwd
import secrets
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from isobar_site import PREFIX, load_site_config, node_binary  # noqa: E402

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

site_file = os.environ.get("ISOBAR_SITE_CONFIG", "/etc/isobar/site.yaml")
site = load_site_config(site_file)
hub, spawner, uiserver = site["hub"], site["spawner"], site["uiserver"]
hub_service = site["hubService"]
state_dir = hub["stateDir"]

# --- the hub and its proxy ----------------------------------------------------
c.JupyterHub.bind_url = hub["publicUrl"]
c.JupyterHub.hub_ip = hub["hubIp"]
c.JupyterHub.hub_port = hub["hubPort"]
c.JupyterHub.db_url = f"sqlite:///{state_dir}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{state_dir}/jupyterhub_cookie_secret"
c.ConfigurableHTTPProxy.pid_file = f"{state_dir}/jupyterhub-proxy.pid"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{hub['proxyApiPort']}"
# Debian's configurable-http-proxy does not run on this Node; use the project's own.
c.ConfigurableHTTPProxy.command = [
    node_binary(),
    os.path.join(PREFIX, "node_modules", "configurable-http-proxy", "bin", "configurable-http-proxy"),
]
# UI servers outlive a hub restart; the hub finds them again from its database.
c.JupyterHub.cleanup_servers = False

# --- who may log in -----------------------------------------------------------
c.JupyterHub.authenticator_class = "pam"
# The hub is not root: it cannot open PAM sessions (it only checks passwords).
c.PAMAuthenticator.open_sessions = False
c.Authenticator.admin_users = set(hub["admins"])
# JupyterHub 5 admits nobody unless told; 3.x and 4.x ignore the setting.
c.Authenticator.allow_all = True

# The managed service for elevation, grants, roles and the audit log (packages/hub-service).
HUB_SERVICE = "isobar"


def _url_host(address):
    return f"[{address}]" if ":" in address else address


# --- reaching other people's servers --------------------------------------------
def _owners():
    """Workflow owners, so their servers can be opened before they log in."""
    names = set(hub["owners"])
    for group in hub["ownerGroups"]:
        try:
            g = grp.getgrnam(group)
        except KeyError:
            sys.exit(f"isobar: {site_file}: hub.ownerGroups: no unix group named {group!r}")
        names.update(g.gr_mem)
        names.update(p.pw_name for p in pwd.getpwall() if p.pw_gid == g.gr_gid)
    return sorted(names)


# The hub only knows users it has seen; a group entry registers the owners.
c.JupyterHub.load_groups = {"isobar-owners": _owners()}
# Everyone may open and start everyone's UI server; what they may see and do
# there is the UI server's decision (its authorization policy). Everyone may
# also use the hub service (raising privileges, the audit pages).
c.JupyterHub.load_roles = [
    {
        "name": "user",
        "description": "Isobar: open and start any UI server; the UI server decides the rest",
        "scopes": ["self", "access:servers", "servers", "read:users:name", f"access:services!service={HUB_SERVICE}"],
    },
    {
        # The hub service checks a password by having the hub make a token with
        # it, then deletes that token at once (`tokens`); it reads names and
        # groups of the people it serves.
        "name": "isobar-hub-service",
        "description": "Isobar hub service: delete the tokens that prove passwords, read names and groups",
        "scopes": ["tokens", "read:users:name", "read:users:groups"],
        "services": [HUB_SERVICE],
    },
]
# Visiting a stopped server's URL starts it again ("respawn upon interaction").
c.JupyterHub.implicit_spawn_seconds = hub["implicitSpawnSeconds"]


class _UserServerClients(set):
    """OAuth clients that need no consent page: every user's UI server.

    Visitors are sent to other people's servers all day; a consent page on
    each first visit would only train them to click through it.
    """

    def __contains__(self, client_id):
        return str(client_id).startswith("jupyterhub-user-") or super().__contains__(client_id)


# The hub service's pages need no consent page either (also said by its
# `oauth_no_confirm` below, for hubs that read it from there).
c.JupyterHub.tornado_settings = {"oauth_no_confirm_list": _UserServerClients({f"service-{HUB_SERVICE}"})}

# --- the spawner: a shim in front of the Isobar daemon ---------------------------
daemon_token = secrets.token_urlsafe(48)  # per hub start, in memory only
daemon_url = f"http://{spawner['listenHost']}:{spawner['listenPort']}"
c.JupyterHub.spawner_class = "isobar_spawner.IsobarSpawner"
c.IsobarSpawner.daemon_url = daemon_url
c.IsobarSpawner.daemon_token = daemon_token
c.Spawner.poll_interval = hub["pollInterval"]
c.Spawner.start_timeout = hub["startTimeout"]
c.Spawner.http_timeout = hub["httpTimeout"]
# The UI server binds the host's own address; this is only a placeholder.
c.Spawner.ip = "127.0.0.1"

c.JupyterHub.services = [
    {
        "name": "isobar-spawner",
        # No "url": the daemon's API is for the hub only and gets no proxy route.
        "command": [
            node_binary(),
            os.path.join(PREFIX, "spawner-ssh", "dist", "src", "daemon", "main.js"),
            "serve",
            "--config",
            site_file,
        ],
        "environment": {
            "ISOBAR_SPAWNER_TOKEN": daemon_token,
            "ISOBAR_LOG_LEVEL": os.environ.get("ISOBAR_LOG_LEVEL", "info"),
        },
    },
    {
        "name": HUB_SERVICE,
        # Behind the proxy at /services/isobar/ for browsers; UI servers on
        # other hosts reach its API here directly (the spawner daemon tells them).
        "url": f"http://{_url_host(hub['hubIp'])}:{hub_service['listenPort']}",
        "command": [
            node_binary(),
            os.path.join(PREFIX, "packages", "hub-service", "dist", "src", "main.js"),
            "--config",
            site_file,
        ],
        "oauth_no_confirm": True,
        "environment": {
            "ISOBAR_SITE_CONFIG": site_file,
            "ISOBAR_LOG_LEVEL": os.environ.get("ISOBAR_LOG_LEVEL", "info"),
        },
    },
]
