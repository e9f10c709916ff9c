"""Roll-up tables. Counts are stored, not recomputed: an aggregate read never scans comments.

``stat_cell`` holds several *cuboids* of comment counts, each a different set of dimensions
(see ``stats/rollup.py``); dimensions a cuboid does not keep hold a sentinel ('' / 0 /
1900-01-01). ``meeting_cell`` holds meeting counts per ancestor and day. ``rollup_layout`` names
the layout the cells were built with (``stats.layout``).
"""

from datetime import date

from sqlalchemy import CheckConstraint, SmallInteger
from sqlmodel import Field, SQLModel

from ykien.core.db import code_type, path_type


class StatCell(SQLModel, table=True):
    __tablename__ = "stat_cell"
    # The key starts with the node's path: a node's cells, and a subtree's leaf cells, are one
    # range of the key. On SQLite the rows live in that key's B-tree (no rowid table, no second
    # index): one tree to update per cell, and reads scan it in order.
    __table_args__ = {"sqlite_with_rowid": False}

    cuboid: int = Field(primary_key=True, sa_type=SmallInteger)
    # The node counted for (an ancestor of the entering unit, or the unit itself); for the
    # leaf cuboid, the entering unit.
    unit_path: str = Field(primary_key=True, sa_type=path_type())
    consultation_id: int = Field(primary_key=True)
    document_id: int = Field(primary_key=True)
    child_id: int = Field(default=0, primary_key=True)  # the node's child on the way down; 0: own
    section_id: int = Field(default=0, primary_key=True)  # 0: the whole document
    category: str = Field(default="", primary_key=True, sa_type=code_type(32))
    stance: str = Field(default="", primary_key=True, sa_type=code_type(16))
    channel: str = Field(default="", primary_key=True, sa_type=code_type(16))
    organization: str = Field(default="", primary_key=True, sa_type=code_type(32))
    level: str = Field(default="", primary_key=True, sa_type=code_type(20))
    day: date = Field(default=date(1900, 1, 1), primary_key=True)
    unit_id: int  # the node of unit_path
    comments: int = 0
    people: int = 0


class MeetingCell(SQLModel, table=True):
    __tablename__ = "meeting_cell"

    unit_id: int = Field(primary_key=True)  # an ancestor of the meeting's unit, or that unit
    consultation_id: int = Field(primary_key=True)
    child_id: int = Field(default=0, primary_key=True)
    day: date = Field(primary_key=True)
    meetings: int = 0
    participants: int = 0


class RollupLayout(SQLModel, table=True):
    """One row: the layout version (``stats.rollup.LAYOUT_VERSION``) of the stored cells. No row:
    cells of an unknown layout (a database from before this table), to be rebuilt."""

    __tablename__ = "rollup_layout"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: int = Field(default=1, primary_key=True)
    version: int
