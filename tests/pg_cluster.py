"""A throwaway PostgreSQL cluster: ``initdb`` in a temporary folder, a free port, gone at the end.

The hub tests run against PostgreSQL. Unless a server URL is given (``CIRCULAR_TEST_PG_URL``,
see ``tests/hub/conftest.py``) they start their own cluster with :func:`throwaway_cluster`, so
a fresh machine needs only the server *binaries* (Debian's ``postgresql`` package, installed by
``scripts/install.sh --dev``), never a running service, and a server that happens to listen on
port 5432 is never used or touched.

- Binaries: Debian's ``/usr/lib/postgresql/<major>/bin`` (newest major first), else ``initdb``
  and ``pg_ctl`` on PATH.
- Files: one temporary folder holds the data directory, the server log and the Unix socket
  (so no ``/var/run/postgresql`` is needed). The server listens on 127.0.0.1 only, on a port the
  kernel reported free; a port taken in between is retried with another one.
- Root: ``initdb`` and ``postgres`` refuse to run as root, and CI runs as root. Then the folder is
  handed to the ``postgres`` system user (created by Debian's package) and every server command
  runs as that user through ``runuser``.
- Speed over durability: ``fsync``, ``synchronous_commit`` and ``full_page_writes`` are off and
  ``initdb --no-sync``; the cluster is deleted afterwards anyway. Authentication is ``trust``
  (loopback and the private socket folder only).
- End: ``pg_ctl stop -m immediate`` (killing the postmaster if that fails) and the folder is
  removed, also when the tests failed. Only a SIGKILL of the test process itself leaves the
  server behind (find it with ``ps -C postgres -o pid,args``: its data folder is under
  ``kairan-pg-*`` in the temporary directory).
"""

from __future__ import annotations

import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"
# The system user that runs the server when the tests run as root (Debian's package makes it).
SYSTEM_USER = "postgres"
START_TIMEOUT_SECONDS = 60
PORT_ATTEMPTS = 5
SERVER_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    # The hub tests run several hubs with pools side by side; the default (100) is tight.
    "max_connections": "200",
}


class PgClusterError(RuntimeError):
    """The throwaway cluster could not be created or started (the message says why)."""


@dataclass(frozen=True)
class PgCluster:
    """A running throwaway cluster; :meth:`stop` ends it and deletes its folder."""

    root: Path
    port: int
    bin_dir: Path
    run_as: tuple[str, ...]

    @property
    def data_dir(self) -> Path:
        """The cluster's data directory (PostgreSQL's ``data_directory``)."""
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        """Folder of the server's Unix socket."""
        return self.root / "socket"

    @property
    def log_file(self) -> Path:
        """The server log (read it when a test needs to know what the server said)."""
        return self.root / "postgres.log"

    @property
    def url(self) -> str:
        """SQLAlchemy/libpq URL of the ``postgres`` database as the superuser, over TCP."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        """Stop the server at once (no checkpoint: nothing is kept) and delete the folder."""
        try:
            if (self.data_dir / "postmaster.pid").exists():
                stopped = _run(
                    self.run_as,
                    [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"],
                    cwd=self.root,
                    check=False,
                )
                if stopped.returncode != 0:
                    _kill_postmaster(self.data_dir)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def find_bin_dir() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl`` (raises PgClusterError when there is none)."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: _major(path.parent.parent.name),
        reverse=True,
    )
    found = [path.parent for path in candidates if (path.parent / "pg_ctl").exists()]
    initdb = shutil.which("initdb")
    if initdb and (Path(initdb).parent / "pg_ctl").exists():
        found.append(Path(initdb).parent)
    if not found:
        raise PgClusterError(
            "PostgreSQL server binaries (initdb, pg_ctl) not found: run `bash scripts/install.sh --dev` "
            "(Debian's postgresql package), or point CIRCULAR_TEST_PG_URL at a server"
        )
    return found[0]


def _major(name: str) -> int:
    return int(name) if name.isdigit() else -1


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as_prefix() -> tuple[str, ...]:
    """``runuser -u postgres --`` when running as root, else nothing."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return ()
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        raise PgClusterError(
            f"running as root, and initdb refuses root: a '{SYSTEM_USER}' system user is needed "
            "(Debian's postgresql package creates it; `bash scripts/install.sh --dev` installs it)"
        ) from None
    runuser = shutil.which("runuser")
    if runuser is None:
        raise PgClusterError("running as root, and initdb refuses root: runuser (util-linux) is needed")
    return (runuser, "-u", SYSTEM_USER, "--")


def _run(
    prefix: Sequence[str], command: Sequence[str], *, cwd: Path, check: bool = True
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [*prefix, *command],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT_SECONDS + 30,
        check=False,
    )
    if check and done.returncode != 0:
        output = (done.stdout + done.stderr).strip()
        raise PgClusterError(f"{Path(command[0]).name} failed (exit {done.returncode}): {output}")
    return done


def _kill_postmaster(data_dir: Path) -> None:
    """SIGKILL the postmaster named in ``postmaster.pid`` (its children exit with it)."""
    try:
        first_line = (data_dir / "postmaster.pid").read_text().splitlines()[0]
        os.kill(int(first_line), signal.SIGKILL)
    except (OSError, ValueError, IndexError):
        pass


def start_cluster() -> PgCluster:
    """Create and start a cluster in a new temporary folder (see the module docstring)."""
    bin_dir = find_bin_dir()
    run_as = _run_as_prefix()
    root = Path(tempfile.mkdtemp(prefix="kairan-pg-"))
    try:
        cluster = PgCluster(root=root, port=0, bin_dir=bin_dir, run_as=run_as)
        cluster.socket_dir.mkdir(mode=0o700)
        if run_as:
            user = pwd.getpwnam(SYSTEM_USER)
            for folder in (root, cluster.socket_dir):
                os.chown(folder, user.pw_uid, user.pw_gid)
        _run(
            run_as,
            [
                str(bin_dir / "initdb"),
                "-D",
                str(cluster.data_dir),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            cwd=root,
        )
        for _attempt in range(PORT_ATTEMPTS):
            cluster = PgCluster(root=root, port=free_port(), bin_dir=bin_dir, run_as=run_as)
            settings = {
                **SERVER_SETTINGS,
                "port": str(cluster.port),
                "unix_socket_directories": str(cluster.socket_dir),
            }
            options = " ".join(f"-c {shlex.quote(f'{key}={value}')}" for key, value in settings.items())
            started = _run(
                run_as,
                [
                    str(bin_dir / "pg_ctl"),
                    "-D",
                    str(cluster.data_dir),
                    "-l",
                    str(cluster.log_file),
                    "-o",
                    options,
                    "-w",
                    "-t",
                    str(START_TIMEOUT_SECONDS),
                    "start",
                ],
                cwd=root,
                check=False,
            )
            if started.returncode == 0:
                return cluster
            log = cluster.log_file.read_text(errors="replace") if cluster.log_file.exists() else ""
            _kill_postmaster(cluster.data_dir)
            if not re.search(r"could not bind|Address already in use", log):
                output = (started.stdout + started.stderr + log).strip()
                raise PgClusterError(f"pg_ctl start failed (exit {started.returncode}): {output}")
        raise PgClusterError(f"no free port for PostgreSQL after {PORT_ATTEMPTS} attempts")
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise


@contextmanager
def throwaway_cluster() -> Iterator[PgCluster]:
    """A running cluster for the ``with`` block; stopped and deleted afterwards, whatever happens."""
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()
