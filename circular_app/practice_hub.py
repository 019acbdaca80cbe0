"""The built-in practice hub: a real hub, in this process, on this PC's loopback only.

In a workshop the trainer shows the residents' side on the projector: the practice profile is
connected to a hub started here, the trainer opens a household's reader link in the browser,
taps 読みました, and after the next sync the class sees the read matrix change.

The hub is the production hub application (:func:`circular_app.hub.web.app.create_app`) served by
uvicorn on a thread of its own, bound to ``127.0.0.1`` only, with its SQLite database in the
practice profile's folder (``practice-hub/hub.db``). The port is remembered beside it, so reader
links stay the same from one class to the next while it is free. Practice profiles may only
connect to loopback hubs (enforced in :meth:`SyncService.connect`), so nothing of a class ever
leaves the PC.

This module belongs to the composition root (:class:`circular_app.app.App` owns the hubs of a
run, see :class:`PracticeHubs`): services never start a hub, they are handed one
(:func:`circular_app.services.practice_hub.connect`). The hub stack (FastAPI, uvicorn) is
imported only when a hub starts, so that the desktop's start-up does not pay for it.
"""

from __future__ import annotations

import atexit
import dataclasses
import logging
import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from circular_app.domain.errors import ConflictError

if TYPE_CHECKING:  # imported when a hub starts (see the module docstring)
    import socket

    import uvicorn

    from circular_app.hub.web.app import HubApp
    from circular_app.services.context import ProfileContext
    from circular_app.services.practice_hub import PracticeHubError
    from circular_app.services.sync import SyncService

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
FOLDER_NAME = "practice-hub"
PORT_FILE = "port"
START_TIMEOUT_SECONDS = 15.0


class PracticeHub:
    """The practice hub of one practice profile folder; :meth:`start` it, then :meth:`connect`."""

    def __init__(self, profile_folder: Path) -> None:
        self._folder = profile_folder / FOLDER_NAME
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._app: HubApp | None = None
        self._base_url: str | None = None

    @property
    def folder(self) -> Path:
        """Where the hub keeps its database and port."""
        return self._folder

    @property
    def base_url(self) -> str | None:
        """``http://127.0.0.1:PORT`` while running, else None."""
        return self._base_url if self.is_running() else None

    def is_running(self) -> bool:
        """True between a successful :meth:`start` and :meth:`stop`."""
        return self._thread is not None and self._thread.is_alive() and self._server is not None

    # ----- starting and stopping ------------------------------------------------------------------
    def start(self) -> str:
        """Start serving (once; later calls return the running address). Returns the base URL."""
        if self.is_running():
            assert self._base_url is not None
            return self._base_url
        # Imported here, not at the top: FastAPI must not load at the desktop's start-up.
        import uvicorn

        from circular_app.hub.settings import HubSettings, sqlite_url
        from circular_app.hub.storage.database import create_hub_engine, migrate
        from circular_app.hub.web.app import create_app

        self._folder.mkdir(parents=True, exist_ok=True)
        db_url = sqlite_url(self._folder)
        engine = create_hub_engine(db_url, pool_size=2)
        try:
            migrate(engine)
        finally:
            engine.dispose()
        # Counts only the practice class's own mistyped links: a lenient limit.
        settings = dataclasses.replace(
            HubSettings(db_url=db_url), confirmation_settle_seconds=0, guess_limit=1000
        )
        self._app = create_app(settings)
        listener = self._bind()
        port = int(listener.getsockname()[1])
        config = uvicorn.Config(
            self._app,
            log_config=None,  # leave the desktop's logging as it is
            log_level="warning",
            access_log=False,  # paths hold reader tokens
            server_header=False,
            lifespan="on",
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [listener]}, name="practice-hub", daemon=True
        )
        self._server, self._thread, self._socket = server, thread, listener
        thread.start()
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise _hub_error("practice_hub.not_started")
            time.sleep(0.01)
        (self._folder / PORT_FILE).write_text(str(port), encoding="ascii")
        self._base_url = f"http://{HOST}:{port}"
        log.info("practice hub serving on %s", self._base_url)
        return self._base_url

    def _bind(self) -> socket.socket:
        """A listening loopback socket: on the remembered port when free, else on any free one."""
        import socket  # when a hub starts, not with the log-in window

        remembered = 0
        try:
            text = (self._folder / PORT_FILE).read_text(encoding="ascii").strip()
            remembered = int(text) if text.isdigit() and 1024 <= int(text) <= 65535 else 0
        except OSError:
            remembered = 0
        for port in dict.fromkeys((remembered, 0)):
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            if os.name == "posix":
                # A port left in TIME_WAIT by the last class is reusable at once; on Windows
                # this option would let another program take the port, so it is not set there.
                listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                listener.bind((HOST, port))
                listener.listen(64)
            except OSError:
                listener.close()
                continue
            return listener
        raise _hub_error("practice_hub.no_port")

    def stop(self) -> None:
        """Stop serving and wait for the server thread (a no-op when not running)."""
        server, thread, listener = self._server, self._thread, self._socket
        self._server = self._thread = self._socket = None
        self._base_url = None
        if server is not None:
            server.should_exit = True
        if thread is not None:
            thread.join(timeout=START_TIMEOUT_SECONDS)
        if listener is not None:
            listener.close()

    # ----- the practice profile -------------------------------------------------------------------
    def enrollment_code(self, name: str, school_district: str) -> str:
        """A new enrollment code for the practice association ``name`` on this (started) hub."""
        assert self._app is not None
        registry = self._app.services.registry
        try:
            return registry.add_association(name, school_district).code
        except ConflictError:
            # Registered by an earlier class (the hub's database outlives a reset): a new code.
            return registry.new_code(name).code

    def connect(self, context: ProfileContext, sync: SyncService) -> bool:
        """Start the hub and connect the practice profile to it (see :func:`practice_service.connect`).

        Returns False when the profile is connected to this hub already.
        """
        # Here, not at the top: App builds PracticeHubs at every start, and the service
        # module brings in the sync client (httpx), which only a started hub needs.
        from circular_app.services import practice_hub as practice_service

        return practice_service.connect(context, sync, self)


def _hub_error(code: str) -> PracticeHubError:
    """The service layer's PracticeHubError (imported on failure only: see :meth:`PracticeHub.connect`)."""
    from circular_app.services.practice_hub import PracticeHubError

    return PracticeHubError(code)


class PracticeHubs:
    """The practice hubs of one run, by profile folder; every one is stopped when the run ends.

    One hub per practice profile folder lives as long as the application, so a reset or a
    rebuilt window keeps serving on the same address.
    """

    def __init__(self) -> None:
        self._hubs: dict[Path, PracticeHub] = {}
        self._stops_at_exit = False

    def hub_for(self, profile_folder: Path) -> PracticeHub:
        """The hub of the practice profile in ``profile_folder`` (not started yet, or running)."""
        if not self._stops_at_exit:
            # The server thread is a daemon: stopping it closes its database before the process ends.
            atexit.register(self.stop_all)
            self._stops_at_exit = True
        return self._hubs.setdefault(profile_folder, PracticeHub(profile_folder))

    def stop_all(self) -> None:
        """Stop every hub of this run (safe to call more than once)."""
        for hub in self._hubs.values():
            hub.stop()
