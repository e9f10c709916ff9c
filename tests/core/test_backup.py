"""``ykien backup``: a consistent copy on either engine; no password on pg_dump's command line."""

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from ykien.core.backup import backup, pg_dump_invocation


def test_a_backup_holds_the_data(engine: Engine, db_url: str, tmp_path: Path) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO unit (code, name, name_folded, level, path, depth, created_at)"
                " VALUES ('T', 'Tỉnh T', 'tinh t', 'province', '/1/', 0, CURRENT_TIMESTAMP)"
            )
        )
    dest = tmp_path / "out" / "ykien.backup"
    url = db_url
    if make_url(db_url).get_backend_name() == "postgresql":
        # A password in the URL reaches pg_dump through its environment (trust auth ignores it).
        url = make_url(db_url).set(password="s3cret-pw").render_as_string(hide_password=False)
    backup(url, dest)
    assert dest.stat().st_size > 0
    if make_url(db_url).get_backend_name() == "sqlite":
        with sqlite3.connect(dest) as copy:
            assert copy.execute("SELECT name FROM unit").fetchall() == [("Tỉnh T",)]
    else:
        assert dest.read_bytes().startswith(b"PGDMP")


def test_the_password_goes_through_the_environment_not_the_command_line(tmp_path: Path) -> None:
    argv, env = pg_dump_invocation(
        "postgresql+psycopg://ykien:s3cret-pw@db:5432/ykien", tmp_path / "x.dump"
    )
    assert not any("s3cret-pw" in arg for arg in argv)
    assert env["PGPASSWORD"] == "s3cret-pw"
    assert argv[-1] == "postgresql://ykien@db:5432/ykien"
