"""The ``ykien`` command: serve, migrate, create-admin, load-demo, import-units, backup, openapi."""

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn

from ykien.core.config import Settings, get_settings
from ykien.core.logging import configure_logging

app = typer.Typer(
    help="Ykien — lấy ý kiến dự thảo văn kiện. Settings come from YKIEN_* variables.",
    no_args_is_help=True,
)


def migrate_database(database_url: str) -> bool:
    """Upgrade the schema, then rebuild the roll-ups if the layout they were built with is not
    the code's (migrations change the schema only); whether the roll-ups were rebuilt.

    A newer schema that descends from this code's head (a rolling upgrade: the new code has
    migrated) is left as it is, roll-ups included; one this code does not descend from raises
    ``SchemaMismatch``."""
    from ykien.core.db import make_engine
    from ykien.core.migrations import SchemaMismatch, schema_state, upgrade
    from ykien.stats.layout import rebuild_if_stale

    if database_url.startswith("sqlite"):
        _sqlite_path(database_url).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(database_url, pool_size=1)
    try:
        with engine.connect() as conn:
            state = schema_state(conn)
        if state.status == "unknown":
            raise SchemaMismatch(state)
        if state.status == "ahead":
            typer.echo(
                f"The database schema ({state.revision}) is newer than this code's "
                f"({state.head}) and descends from it: not migrating.",
                err=True,
            )
            return False
        upgrade(database_url)
        rebuilt = rebuild_if_stale(engine)
    finally:
        engine.dispose()
    if rebuilt:
        typer.echo("Roll-ups rebuilt for this version's layout.", err=True)
    return rebuilt


def _migrate_or_exit(database_url: str) -> None:
    from ykien.core.migrations import SchemaMismatch

    try:
        migrate_database(database_url)
    except SchemaMismatch as exc:
        typer.echo(f"Not starting: {exc}.", err=True)
        raise typer.Exit(1) from None


def _prepare_database() -> None:
    """Migrate, ensure the bootstrap superuser, and load the demo on an empty database if asked."""
    from ykien.accounts.service import ensure_superuser
    from ykien.core.db import get_engine, session_scope
    from ykien.demo.loader import database_is_empty, load_demo

    settings = get_settings()
    _migrate_or_exit(settings.database_url)
    engine = get_engine()
    if settings.admin_username and settings.admin_password:
        with session_scope(engine) as session:
            ensure_superuser(
                session, username=settings.admin_username, password=settings.admin_password
            )
    if settings.demo:
        with session_scope(engine) as session:
            empty = database_is_empty(session)
        if empty:
            typer.echo("Loading the demo data set…", err=True)
            with session_scope(engine) as session:
                accounts = load_demo(session)
            _print_demo_accounts(accounts)


def _print_demo_accounts(accounts: list[tuple[str, str, str, str]]) -> None:
    from ykien.demo.loader import DEMO_PASSWORD

    typer.echo(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):", err=True)
    for username, role, level, unit in accounts:
        typer.echo(f"  {username:<22} {role:<10} {level:<17} {unit}", err=True)
    typer.echo("", err=True)


def _sqlite_path(url: str) -> Path:
    path = Path(url.split("///", 1)[1])
    return path if path.is_absolute() else Path.cwd() / path


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Default: YKIEN_HOST")] = None,
    port: Annotated[int | None, typer.Option(help="Default: YKIEN_PORT")] = None,
    workers: Annotated[int | None, typer.Option(help="Default: YKIEN_WORKERS")] = None,
    migrate: Annotated[bool, typer.Option(help="Migrate (and load the demo) first")] = True,
) -> None:
    """Serve the API and the built web app."""
    settings = get_settings()
    configure_logging(json=settings.log_json, level=settings.log_level)
    if migrate:
        _prepare_database()
    host, port = host or settings.host, port or settings.port
    workers = workers or settings.workers
    if workers > 1:
        _fresh_metrics_dir()
    typer.echo(f"Ykien: http://{host}:{port}/  (API docs: http://{host}:{port}/api/docs)", err=True)
    uvicorn.run(
        "ykien.asgi:app",
        host=host,
        port=port,
        workers=workers,
        log_config=None,
        access_log=False,
        server_header=False,
        **proxy_options(settings),
    )


def _fresh_metrics_dir() -> None:
    """prometheus-client's multiprocess mode: each worker writes its values into files of a folder
    that ``/metrics`` sums. An empty folder per start (a stale one would add a dead run's counts);
    set before the workers are spawned, which inherit it."""
    import shutil
    import tempfile

    given = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if given:
        shutil.rmtree(given, ignore_errors=True)
        Path(given).mkdir(parents=True)
    else:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="ykien-metrics-")


def proxy_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's proxy settings: X-Forwarded-* believed only from ``YKIEN_FORWARDED_ALLOW_IPS``.

    uvicorn's own default believes the loopback, so a client on the same host could forge its
    address (and lock out others, or escape its own login throttle)."""
    trusted = settings.forwarded_allow_ips.strip()
    return {"proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or None}


@app.command()
def migrate() -> None:
    """Upgrade the database schema to the latest migration."""
    configure_logging(level="INFO")
    _migrate_or_exit(get_settings().database_url)
    typer.echo("Database at the latest migration.", err=True)


@app.command("create-admin")
def create_admin(
    username: str,
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
) -> None:
    """Create a superuser (role admin over every unit)."""
    from ykien.accounts.service import ensure_superuser
    from ykien.core.db import get_engine, session_scope

    if len(password) < 10:
        raise typer.BadParameter("the password needs at least 10 characters")
    with session_scope(get_engine()) as session:
        ensure_superuser(session, username=username, password=password)
    typer.echo(f"Superuser {username!r} is ready.")


@app.command("load-demo")
def load_demo_cmd(
    force: Annotated[bool, typer.Option(help="Load even if data exists")] = False,
) -> None:
    """Load the demo data set (Kiên Giang province) into an empty database."""
    from ykien.core.db import get_engine, session_scope
    from ykien.demo.loader import database_is_empty, load_demo

    _migrate_or_exit(get_settings().database_url)
    with session_scope(get_engine()) as session:
        if not force and not database_is_empty(session):
            typer.echo("The database already holds units; use --force to load anyway.", err=True)
            raise typer.Exit(1)
        accounts = load_demo(session)
    _print_demo_accounts(accounts)


@app.command("import-units")
def import_units_cmd(file: Path) -> None:
    """Import units from a CSV (code,name,level,parent_code) or JSON file, all or nothing."""
    from ykien.core.audit import SYSTEM
    from ykien.core.db import get_engine, session_scope
    from ykien.core.errors import ProblemError
    from ykien.units.scope import EVERYTHING
    from ykien.units.service import import_units, parse_import

    kind = "json" if file.suffix.lower() == ".json" else "csv"
    try:
        with session_scope(get_engine()) as session:
            created = import_units(
                session,
                scope=EVERYTHING,
                actor=SYSTEM,
                raw_rows=parse_import(file.read_bytes(), kind),
            )
    except ProblemError as exc:
        typer.echo(f"Nothing imported: {exc.detail}", err=True)
        for err in exc.errors or []:
            typer.echo(f"  {err['loc']}: {err['msg']}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Imported {len(created)} units.")


@app.command()
def recount(
    fix: Annotated[bool, typer.Option(help="Replace the roll-ups with the recount")] = False,
) -> None:
    """Rebuild the roll-ups from the comments and meetings and report every differing cell.

    Safe while the app serves: the report reads one snapshot; --fix makes the roll-up writers
    wait while it replaces the cells. Exit status 1 when differences were found (and not
    fixed)."""
    from ykien.core.db import get_engine
    from ykien.stats.recount import recount as run_recount

    report = run_recount(get_engine(), fix=fix)
    typer.echo(
        f"cells expected {report.cells_expected}, stored {report.cells_stored}; differing: "
        f"{report.comment_cells_differing} comment cells, "
        f"{report.meeting_cells_differing} meeting cells" + ("; fixed" if report.fixed else "")
    )
    if report.differences and not report.fixed:
        raise typer.Exit(1)


@app.command()
def backup(dest: Path) -> None:
    """Copy the database to DEST: SQLite's online backup API, or pg_dump (custom format)."""
    from ykien.core.backup import backup as run_backup

    run_backup(get_settings().database_url, dest)
    typer.echo(f"Backup written to {dest}.")


@app.command()
def openapi() -> None:
    """Print the OpenAPI document (used to generate the frontend's API types)."""
    from ykien.main import create_app

    sys.stdout.write(json.dumps(create_app().openapi(), ensure_ascii=False, indent=2) + "\n")
