"""A private PostgreSQL server for the fault and replica tests: ``initdb`` in a temporary folder,
a free port on 127.0.0.1, stopped and removed at the end (the shared server other tests use is
never touched). A streaming replica of it is made with ``pg_basebackup -R``."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def pg_bin() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrivatePostgres:
    """initdb + pg_ctl in a temporary folder (as the ``postgres`` account when run as root:
    PostgreSQL refuses to run as root)."""

    def __init__(self, bin_dir: Path, root: Path, options: str = "") -> None:
        self.bin = bin_dir
        self.root = root
        self.data = root / "data"
        self.sock = root / "sock"
        self.log = root / "server.log"
        self.port = free_port()
        self.options = options
        self.prefix: list[str] = []
        self.sock.mkdir()
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam("postgres")
            except KeyError:
                pytest.skip("running as root and there is no postgres account to run initdb as")
            for path in (root, self.sock):
                os.chown(path, account.pw_uid, account.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str, timeout: float = 120) -> None:
        done = subprocess.run(
            [*self.prefix, *args], timeout=timeout, capture_output=True, text=True, cwd="/"
        )
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stdout}{done.stderr}")

    def init(self) -> None:
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.sock} -c fsync=off "
            f"-c synchronous_commit=off -c full_page_writes=off {self.options}"
        )
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            options,
            "-w",
            "start",
        )

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def replica(self, root: Path) -> PrivatePostgres:
        """A hot-standby streaming replica of this (running) server, in ``root``, not started."""
        standby = PrivatePostgres(self.bin, root, options=self.options)
        self._run(
            str(self.bin / "pg_basebackup"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-D",
            str(standby.data),
            "-R",  # standby.signal and primary_conninfo: it follows this server
            "-X",
            "stream",
            "--no-sync",
        )
        return standby

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


def _bin_or_skip(*tools: str) -> Path:
    bin_dir = pg_bin()
    if bin_dir is None or not all((bin_dir / t).exists() for t in tools):
        pytest.skip(
            f"PostgreSQL's {'/'.join(tools)} are not installed (Debian: postgresql): this test "
            "needs a private PostgreSQL instance"
        )
    return bin_dir


@contextlib.contextmanager
def running_postgres(
    options: str = "", prefix: str = "jobdesk-private-pg-"
) -> Iterator[PrivatePostgres]:
    bin_dir = _bin_or_skip("initdb", "pg_ctl")
    # a folder of its own under the system's temporary folder (pytest's is private to root,
    # and the server may run as the postgres account)
    root = Path(tempfile.mkdtemp(prefix=prefix))
    pg = PrivatePostgres(bin_dir, root, options=options)
    try:
        pg.init()
        pg.start()
        yield pg
    finally:
        with contextlib.suppress(RuntimeError, subprocess.SubprocessError):
            pg.stop()
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def running_replica(primary: PrivatePostgres) -> Iterator[PrivatePostgres]:
    _bin_or_skip("pg_basebackup")
    root = Path(tempfile.mkdtemp(prefix="jobdesk-private-replica-"))
    standby: PrivatePostgres | None = None
    try:
        if primary.prefix:  # the postgres account writes the copy
            account = pwd.getpwnam("postgres")
            os.chown(root, account.pw_uid, account.pw_gid)
        standby = primary.replica(root)
        standby.start()
        yield standby
    finally:
        if standby is not None:
            with contextlib.suppress(RuntimeError, subprocess.SubprocessError):
                standby.stop()
        shutil.rmtree(root, ignore_errors=True)
