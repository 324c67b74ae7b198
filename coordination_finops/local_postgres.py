"""A throwaway PostgreSQL server for the tests and for trying the `postgres` target locally.

Debian's `postgresql` package provides the binaries (/usr/lib/postgresql/<version>/bin). The
server runs with its data in a new temporary folder, listens only on 127.0.0.1 on a free
private port, and is stopped and its folder removed on exit, also when the wrapped work
fails. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.

    python -m coordination_finops.local_postgres -- dbt build --target postgres

runs the command with COORD_FINOPS_PG_HOST/PORT/USER/DATABASE set for profiles.yml and exits
with its status. Without a command it serves until stopped (Ctrl-C or TERM), the address on stderr.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DATABASE = "coordination_finops"


class PostgresUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str
    database: str

    def env(self) -> dict[str, str]:
        """The variables profiles.yml reads for the `postgres` target."""
        return {
            "COORD_FINOPS_PG_HOST": self.host,
            "COORD_FINOPS_PG_PORT": str(self.port),
            "COORD_FINOPS_PG_USER": self.user,
            "COORD_FINOPS_PG_PASSWORD": "",
            "COORD_FINOPS_PG_DATABASE": self.database,
        }


def find_bindir() -> Path:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/postgres"), key=lambda p: int(Path(p).parent.parent.name)
    )
    if not candidates:
        raise PostgresUnavailable(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin "
            "(install Debian's postgresql package: apt-get install postgresql; `make setup` does it as root)"
        )
    return Path(candidates[-1]).parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(_as_server_user(command), capture_output=True, text=True)
    if result.returncode != 0:
        raise PostgresUnavailable(f"{what} failed ({result.returncode}): {(result.stderr or result.stdout).strip()[-2000:]}")


@contextmanager
def local_postgres(database: str = DATABASE):
    """Start a private server, create `database`, yield its Server; stop and delete it at exit."""
    bindir = find_bindir()
    folder = Path(tempfile.mkdtemp(prefix="coordination-finops-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = free_port()
    started = False
    try:
        _run([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
              "--locale=C", "--no-sync"], "initdb")
        options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        _run([str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "server.log"),
              "-w", "-t", "60", "start"], "pg_ctl start")
        started = True
        _run([str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", database], "createdb")
        yield Server("127.0.0.1", port, "postgres", database)
    finally:
        if started:
            subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                           capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def _wait(child: subprocess.Popen, received: list[int], grace_seconds: float = 10.0) -> int:
    """The child's exit status; once a signal was forwarded, a child still running after the grace
    period is killed."""
    waited = 0.0
    while True:
        try:
            return child.wait(timeout=1)
        except subprocess.TimeoutExpired:
            if received:
                waited += 1
                if waited >= grace_seconds:
                    child.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command to run while the server is up")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    command = command or ["sleep", "infinity"]

    # TERM (CI cancelling the job, `kill`) and INT (Ctrl-C) are forwarded to the command and end the
    # run with 128 + the signal once the server is stopped and removed. The handler only records and
    # forwards, never raises: an exception raised in the middle of starting the command could leave
    # the command running, holding the caller's output open.
    received: list[int] = []
    children: list[subprocess.Popen] = []

    def on_signal(signum, frame):
        received.append(signum)
        for child in children:
            if child.poll() is None:
                child.terminate()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, on_signal)
    returncode = 0
    try:
        with local_postgres() as server:
            print(f"PostgreSQL on {server.host}:{server.port}, database {server.database}", file=sys.stderr)
            if not received:
                try:
                    child = subprocess.Popen(command, env=dict(os.environ, **server.env()))
                except OSError as error:
                    print(f"local_postgres: cannot run {command[0]}: {error.strerror}", file=sys.stderr)
                    return 127
                children.append(child)
                if received:  # arrived while the command was starting
                    child.terminate()
                returncode = _wait(child, received)
    except PostgresUnavailable as error:
        if not received:
            print(f"local_postgres: {error}", file=sys.stderr)
            return 2
    return 128 + received[0] if received else returncode


if __name__ == "__main__":
    sys.exit(main())
