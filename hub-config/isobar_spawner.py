"""IsobarSpawner: a thin JupyterHub spawner that delegates to the Isobar
spawner daemon (spawner-ssh) over HTTP on loopback.

The daemon chooses a host, starts the UI server there as the user over SSH
and answers with where it listens. Everything the hub must remember (host,
address, port, pid, process start time) is returned by get_state(), so a
restarted hub or daemon finds running servers again.
"""

import asyncio
import json
from urllib.parse import urlencode

import jupyterhub
from jupyterhub.spawner import Spawner
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from traitlets import Unicode


class DaemonError(Exception):
    """The daemon answered with an error, or could not be reached."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class IsobarSpawner(Spawner):
    daemon_url = Unicode(
        "http://127.0.0.1:8765", config=True, help="The spawner daemon's API."
    )
    # Set from jupyterhub_config.py in memory: never written to a file.
    daemon_token = Unicode("", config=True, help="Shared token for the daemon.")

    handle = None
    _starting = False

    # --- state kept in the hub's database ---------------------------------
    def load_state(self, state):
        super().load_state(state)
        self.handle = state.get("isobar")

    def get_state(self):
        state = super().get_state()
        if self.handle:
            state["isobar"] = self.handle
        return state

    def clear_state(self):
        super().clear_state()
        self.handle = None

    # --- the daemon's API --------------------------------------------------
    async def _call(self, method, path, body=None, timeout=None):
        request = HTTPRequest(
            self.daemon_url.rstrip("/") + path,
            method=method,
            headers={
                "Authorization": "token " + self.daemon_token,
                "Content-Type": "application/json",
            },
            body=None if body is None else json.dumps(body),
            request_timeout=timeout or self.start_timeout,
        )
        try:
            response = await AsyncHTTPClient().fetch(request)
        except HTTPClientError as e:
            message = str(e)
            if e.response is not None and e.response.body:
                try:
                    message = json.loads(e.response.body)["message"]
                except (ValueError, KeyError, TypeError):
                    pass
            raise DaemonError(e.code, message) from None
        except OSError as e:
            raise DaemonError(599, f"spawner daemon unreachable: {e}") from None
        return json.loads(response.body)

    def _who(self):
        return {"user": self.user.name, "server": self.name or ""}

    # --- the Spawner API ---------------------------------------------------
    async def start(self):
        # Only the single-user contract travels: not the hub's own environment.
        env = {k: v for k, v in self.get_env().items() if k.startswith("JUPYTERHUB_")}
        self._starting = True
        try:
            reply = await self._call(
                "POST",
                "/v1/start",
                dict(self._who(), env=env, hubVersion=jupyterhub.__version__),
            )
        except DaemonError as e:
            raise RuntimeError(f"Isobar could not start the server: {e}") from None
        finally:
            self._starting = False
        self.handle = reply["state"]
        return (self.handle["ip"], self.handle["port"])

    async def poll(self):
        if not self.handle:
            return 0
        try:
            reply = await self._call(
                "POST", "/v1/poll", dict(self._who(), state=self.handle), timeout=30
            )
        except DaemonError as e:
            if e.status == 400:
                # A handle the daemon cannot read can never be polled: forget it.
                self.log.error("Isobar poll refused the saved state of %s: %s", self.user.name, e)
                return 0
            # The daemon or the host could not be asked. At hub start the
            # daemon (a managed service) is not up yet while the hub checks
            # its servers: ask the server itself whether anything listens.
            self.log.warning("Isobar poll of %s failed: %s", self.user.name, e)
            return await self._probe()
        return None if reply["running"] else 0

    async def _probe(self):
        """0 if the server's host refuses its port; None (running, or
        unknown) otherwise, so a server behind a passing fault is not orphaned."""
        try:
            _, writer = await asyncio.wait_for(
                asyncio.open_connection(self.handle["ip"], self.handle["port"]), timeout=5
            )
        except ConnectionRefusedError:
            return 0
        except (OSError, asyncio.TimeoutError):
            return None
        writer.close()
        return None

    async def stop(self, now=False):
        if not self.handle:
            return
        try:
            await self._call(
                "POST", "/v1/stop", dict(self._who(), state=self.handle), timeout=60
            )
        except DaemonError as e:
            self.log.warning("Isobar stop of %s failed: %s", self.user.name, e)

    async def progress(self):
        after = 0
        who = self._who()
        while True:
            query = urlencode(dict(who, after=after))
            try:
                reply = await self._call("GET", "/v1/progress?" + query, timeout=10)
            except DaemonError:
                reply = {"events": [], "done": False}
            for event in reply["events"]:
                after = event["seq"]
                yield {"progress": event["progress"], "message": event["message"]}
            if reply["done"] and not self._starting and after > 0:
                return
            await asyncio.sleep(0.2)
