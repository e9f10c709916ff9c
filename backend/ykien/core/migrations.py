"""Alembic, driven from code: upgrade to head (one migrator at a time), the revisions a database
has passed through, and how its schema stands against this code's (for /readyz and `migrate`).

A database may be *ahead* of the code: during a rolling upgrade the new code migrates first
while old workers still serve. Migrations follow the expand/contract rule (docs/operations.md),
so a newer schema whose history holds this code's head still serves this code. That history is
``alembic_history``: every revision of the head's ancestry, recorded by each upgrade (env.py) —
the old code cannot read the new code's migration files, only that table.
"""

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Connection, MetaData, String, Table, insert, inspect, select

from ykien.core.config import ROOT_DIR

# pg_advisory_xact_lock's key for migrations (any constant the application uses for nothing else)
MIGRATION_LOCK = 0x796B69656E  # "ykien"

HISTORY = Table(
    "alembic_history",
    MetaData(),
    Column("revision", String(32), primary_key=True),
)


def alembic_config(database_url: str | None = None, script_location: str | None = None) -> Config:
    cfg = Config(str(ROOT_DIR / "alembic.ini"))
    cfg.set_main_option("script_location", script_location or str(ROOT_DIR / "alembic"))
    if database_url:
        cfg.attributes["database_url"] = database_url
    return cfg


def upgrade(database_url: str) -> None:
    """Upgrade to head. Concurrent upgrades wait for each other (env.py: an advisory lock on
    PostgreSQL, the write lock held for the whole upgrade on SQLite); the later finds nothing
    to do."""
    command.upgrade(alembic_config(database_url), "head")


@lru_cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


@lru_cache
def head_revision() -> str | None:
    return _script().get_current_head()


@lru_cache
def known_revisions() -> frozenset[str]:
    return frozenset(rev.revision for rev in _script().walk_revisions())


def record_history(conn: Connection, script: ScriptDirectory, heads: tuple[str, ...]) -> None:
    """Record the ancestry of ``heads`` in ``alembic_history`` (in the upgrade's transaction)."""
    HISTORY.create(conn, checkfirst=True)
    recorded = set(conn.scalars(select(HISTORY.c.revision)))
    missing = {
        rev.revision
        for head in heads
        for rev in script.iterate_revisions(head, "base")
        if rev is not None and rev.revision not in recorded
    }
    if missing:
        conn.execute(insert(HISTORY), [{"revision": r} for r in sorted(missing)])


@dataclass(frozen=True)
class SchemaState:
    """``current``: at this code's head; ``behind``: to be upgraded (or empty); ``ahead``: a newer
    schema that descends from this code's head (serves it); ``unknown``: neither — another
    branch, or a database from before ``alembic_history`` at a revision this code lacks."""

    status: Literal["current", "behind", "ahead", "unknown"]
    revision: str | None
    head: str | None

    @property
    def serves_this_code(self) -> bool:
        return self.status in ("current", "ahead")


def schema_state(conn: Connection) -> SchemaState:
    revision = MigrationContext.configure(conn).get_current_revision()
    head = head_revision()
    if revision == head:
        return SchemaState("current", revision, head)
    if revision is None or revision in known_revisions():
        return SchemaState("behind", revision, head)
    descends = (
        head is not None
        and inspect(conn).has_table(HISTORY.name)
        and conn.scalar(select(HISTORY.c.revision).where(HISTORY.c.revision == head)) is not None
    )
    return SchemaState("ahead" if descends else "unknown", revision, head)


class SchemaMismatch(Exception):
    """The database's schema is at a revision this code neither knows nor descends from."""

    def __init__(self, state: SchemaState) -> None:
        super().__init__(
            f"the database is at revision {state.revision}, which this code ({state.head}) "
            "does not know and whose recorded history does not include it"
        )
        self.state = state


# Full-text search objects that the migrations create by hand (SQLite's FTS5 table and its shadow
# tables, PostgreSQL's GIN expression index), the comments' scope indexes (expressions that
# differ by engine: units/scope.path_element), and the migrations' own history: not in the
# metadata, so never compared.
UNMANAGED_PREFIXES = ("comment_fts", "ix_comment_fts", "ix_comment_scope", HISTORY.name)


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    return not (name or "").startswith(UNMANAGED_PREFIXES)
