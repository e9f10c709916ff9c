"""audit events carry their unit (admins read their subtree's); API keys may expire and show
their last use

Revision ID: 5d7a0d6d53b9
Revises: e4a7c2b91d05
Create Date: 2026-11-30 03:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ykien.core.db

revision: str = "5d7a0d6d53b9"
down_revision: str | None = "e4a7c2b91d05"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Earlier events' units, as record() now finds them: the audited object's unit (entity_id is
# text: compared as text, so ids such as "12 units" of an import match nothing), else the unit of
# the user who acted. Events of other entities (syntheses, documents…) fall to the second rule.
OWN_UNIT = {
    "unit": "SELECT t.id FROM unit t",
    "user": "SELECT t.unit_id FROM user_account t",
    "api_key": "SELECT t.unit_id FROM api_key t",
    "consultation": "SELECT t.unit_id FROM consultation t",
    "meeting": "SELECT t.unit_id FROM meeting t",
    "document": "SELECT c.unit_id FROM document t JOIN consultation c ON c.id = t.consultation_id",
}


def upgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_audit_event_unit_id"), ["unit_id"], unique=False)
    with op.batch_alter_table("api_key", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("last_used_at", ykien.core.db.UTCDateTime(timezone=True), nullable=True)
        )
    for entity, query in OWN_UNIT.items():
        op.execute(
            f"UPDATE audit_event SET unit_id = ({query}"  # noqa: S608 - constants above
            " WHERE CAST(t.id AS VARCHAR(64)) = audit_event.entity_id)"
            f" WHERE entity = '{entity}'"
        )
    op.execute(
        "UPDATE audit_event SET unit_id = (SELECT t.unit_id FROM user_account t"
        " WHERE t.id = audit_event.actor_id)"
        " WHERE unit_id IS NULL AND actor_kind = 'user'"
    )


def downgrade() -> None:
    with op.batch_alter_table("api_key", schema=None) as batch_op:
        batch_op.drop_column("last_used_at")
        batch_op.drop_column("expires_on")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_unit_id"))
        batch_op.drop_column("unit_id")
