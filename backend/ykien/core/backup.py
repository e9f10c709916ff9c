"""Online backups: SQLite's backup API, or ``pg_dump --format=custom`` for PostgreSQL.

The PostgreSQL password travels to pg_dump in its environment (``PGPASSWORD``), never on its
command line, where any local user could read it in the process list.
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url


def pg_dump_invocation(database_url: str, dest: Path) -> tuple[list[str], dict[str, str]]:
    """pg_dump's argv (no password in it) and the environment that carries the password."""
    url = make_url(database_url)
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    bare = URL.create("postgresql", url.username, None, url.host, url.port, url.database, url.query)
    conninfo = bare.render_as_string(hide_password=False)
    return ["pg_dump", "--format=custom", f"--file={dest}", conninfo], env


def backup(database_url: str, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        src = sqlite3.connect(url.database or "")
        out = sqlite3.connect(dest)
        with out:
            src.backup(out)
        out.close()
        src.close()
        return
    argv, env = pg_dump_invocation(database_url, dest)
    subprocess.run(argv, check=True, env=env)  # noqa: S603 - our own argv, no shell
