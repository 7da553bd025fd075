"""The peer for the spawn benchmark: the same Debian JupyterHub with its own
LocalProcessSpawner running jupyterhub-singleuser, unprivileged like
Isobar's hub. An unprivileged hub can only start servers as itself, so the
peer's one user is its own account, and the spawner skips the uid switch
that only root could make; everything else is the stock spawner.
"""
import os

from jupyterhub.spawner import LocalProcessSpawner

c = get_config()  # noqa: F821
state = os.environ["PEER_STATE"]


class SameUserSpawner(LocalProcessSpawner):
    def make_preexec_fn(self, name):
        return None


c.JupyterHub.bind_url = "http://127.0.0.1:8100"
c.JupyterHub.hub_port = 8181
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:8101"
c.ConfigurableHTTPProxy.command = [
    "node",
    os.path.join(os.environ["ISOBAR_PREFIX"], "node_modules", "configurable-http-proxy", "bin", "configurable-http-proxy"),
]
c.JupyterHub.db_url = f"sqlite:///{state}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{state}/jupyterhub_cookie_secret"
c.ConfigurableHTTPProxy.pid_file = f"{state}/proxy.pid"
c.JupyterHub.spawner_class = SameUserSpawner
c.Spawner.cmd = ["/usr/bin/jupyterhub-singleuser"]
c.Spawner.default_url = "/tree"
c.JupyterHub.services = [{"name": "bench", "api_token": os.environ["PEER_BENCH_TOKEN"]}]
c.JupyterHub.load_roles = [{"name": "bench", "scopes": ["admin:users", "admin:servers"], "services": ["bench"]}]
c.JupyterHub.load_groups = {"peers": [os.environ["PEER_USER"]]}
c.Authenticator.allow_all = True
