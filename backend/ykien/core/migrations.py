"""Alembic, driven from code: upgrade to head, and read the head revision for /readyz."""

from functools import lru_cache

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from ykien.core.config import ROOT_DIR


def alembic_config(database_url: str | None = None) -> Config:
    cfg = Config(str(ROOT_DIR / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT_DIR / "alembic"))
    if database_url:
        cfg.attributes["database_url"] = database_url
    return cfg


def upgrade(database_url: str) -> None:
    command.upgrade(alembic_config(database_url), "head")


@lru_cache
def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


# Full-text search objects that the migrations create by hand (SQLite's FTS5 table and its shadow
# tables, PostgreSQL's GIN expression index): not in the metadata, so never compared.
UNMANAGED_PREFIXES = ("comment_fts", "ix_comment_fts")


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    return not (name or "").startswith(UNMANAGED_PREFIXES)
