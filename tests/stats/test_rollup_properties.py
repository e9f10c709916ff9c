"""Property: for random trees and random sequences of inserts, edits and deletions, every node's
stats under every grouping equal a direct count over the comments (on both engines)."""

import itertools
from collections import Counter
from datetime import date, timedelta
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select
from sqlmodel import Session

from ykien.accounts.caller import Caller
from ykien.accounts.models import Role
from ykien.accounts.service import ensure_superuser
from ykien.comments.models import Comment
from ykien.comments.schemas import CommentCreate, CommentUpdate
from ykien.comments.service import create_comments, delete_comment, update_comment
from ykien.consultations.models import Consultation, Document, Section
from ykien.core.audit import SYSTEM
from ykien.core.db import session_scope
from ykien.stats import rollup
from ykien.stats.schemas import GroupBy, StatsQuery
from ykien.stats.service import stats
from ykien.units.models import Unit, UnitLevel
from ykien.units.schemas import UnitCreate
from ykien.units.scope import EVERYTHING
from ykien.units.service import create_unit

LEVELS = [UnitLevel.province, UnitLevel.district, UnitLevel.commune, UnitLevel.residential_area]
TODAY = date.today()

# A tree as a list of parent indexes (-1 for the root), each node one level below its parent.
trees = st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=8).map(
    lambda picks: [-1] + [p % (i + 1) for i, p in enumerate(picks)]
)
comment_fields = st.fixed_dictionaries(
    {
        "node": st.integers(0, 100),
        "section": st.sampled_from([None, 0, 1]),
        "category": st.sampled_from(["citizen", "cadre", "party_member"]),
        "stance": st.sampled_from(["agree", "add", "amend"]),
        "channel": st.sampled_from(["meeting", "written"]),
        "organization": st.sampled_from(["front", "youth_union"]),
        "people": st.integers(1, 4),
        "days_ago": st.integers(0, 3),
    }
)
actions = st.lists(
    st.one_of(
        st.tuples(st.just("add"), comment_fields),
        st.tuples(st.just("edit"), st.integers(0, 100), comment_fields),
        st.tuples(st.just("delete"), st.integers(0, 100)),
    ),
    min_size=1,
    max_size=25,
)
counter = itertools.count()


def _build(session: Session, parents: list[int]) -> tuple[list[Unit], int, int, list[int]]:
    n = next(counter)
    units: list[Unit] = []
    depth: list[int] = []
    for i, parent in enumerate(parents):
        d = 0 if parent < 0 else min(depth[parent] + 1, 3)
        if parent >= 0 and depth[parent] == 3:  # areas have no children: attach to the root
            parent, d = 0, 1
        depth.append(d)
        units.append(
            create_unit(
                session,
                scope=EVERYTHING,
                actor=SYSTEM,
                data=UnitCreate(
                    code=f"T{n}-{i}",
                    name=f"Đơn vị {i}",
                    level=LEVELS[d],
                    parent_id=units[parent].id if parent >= 0 else None,
                ),
            )
        )
    root = units[0]
    consultation = Consultation(
        title="T",
        unit_id=root.id,
        unit_path=root.path,  # type: ignore[arg-type]
        opens_on=TODAY - timedelta(days=10),
        closes_on=TODAY + timedelta(days=10),
    )
    session.add(consultation)
    session.flush()
    document = Document(consultation_id=consultation.id, code=f"D{n}", title="Dự thảo")  # type: ignore[arg-type]
    session.add(document)
    session.flush()
    sections = []
    for i in range(2):
        section = Section(document_id=document.id, number=str(i), heading=f"Mục {i}", position=i)  # type: ignore[arg-type]
        session.add(section)
        session.flush()
        sections.append(section.id)
    return units, consultation.id, document.id, sections  # type: ignore[return-value]


def _body(
    fields: dict[str, Any], units: list[Unit], document: int, sections: list[int]
) -> dict[str, Any]:
    return {
        "document_id": document,
        "unit_id": units[fields["node"] % len(units)].id,
        "section_id": None if fields["section"] is None else sections[fields["section"]],
        "category": fields["category"],
        "stance": fields["stance"],
        "channel": fields["channel"],
        "organization": fields["organization"],
        "people": fields["people"],
        "collected_on": TODAY - timedelta(days=fields["days_ago"]),
        "content": "Ý kiến",
    }


def _expected(
    session: Session, units: list[Unit], consultation: int, node: Unit, group: tuple[GroupBy, ...]
) -> Counter[tuple[Any, ...]]:
    by_id = {u.id: u for u in units}
    out: Counter[tuple[Any, ...]] = Counter()
    rows = session.scalars(
        select(Comment).where(Comment.consultation_id == consultation, Comment.deleted_at.is_(None))
    )
    for c in rows:
        if not c.unit_path.startswith(node.path):
            continue
        rest = [int(x) for x in c.unit_path[len(node.path) :].split("/") if x]
        values = {
            GroupBy.child: rest[0] if rest else None,
            GroupBy.section: c.section_id,
            GroupBy.category: c.category,
            GroupBy.stance: c.stance,
            GroupBy.channel: c.channel,
            GroupBy.organization: c.organization,
            GroupBy.day: c.collected_on.isoformat(),
            GroupBy.level: by_id[c.unit_id].level,
        }
        out[tuple(values[g] for g in group)] += c.people
    return out


GROUPINGS = [
    (),
    (GroupBy.child,),
    (GroupBy.section,),
    (GroupBy.category, GroupBy.day),
    (GroupBy.child, GroupBy.stance),
    (GroupBy.level, GroupBy.organization, GroupBy.channel),
    (GroupBy.category, GroupBy.stance),  # enumerations: below the top, or a wide cuboid
    (GroupBy.section, GroupBy.stance),  # a wide cuboid at the top, else the leaf
    (GroupBy.day, GroupBy.channel),
    (GroupBy.section, GroupBy.day),  # only the leaf
    (GroupBy.child, GroupBy.category, GroupBy.stance),  # the children's cells
    (GroupBy.child, GroupBy.section, GroupBy.day),
    (GroupBy.section, GroupBy.day, GroupBy.stance),
    (GroupBy.channel, GroupBy.organization, GroupBy.stance),
    (GroupBy.child, GroupBy.day, GroupBy.level),
]
# …and each cuboid's own dimensions, so that every cuboid answers at the nodes that keep it.
GROUPINGS += [
    tuple(GroupBy(d) for d in sorted(dims))
    for cuboid, dims in sorted(rollup.CUBOIDS.items())
    if cuboid != rollup.LEAF
]


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(parents=trees, steps=actions)
def test_stats_equal_a_direct_count(engine: Engine, parents: list[int], steps: list[Any]) -> None:
    with session_scope(engine) as session:
        user = ensure_superuser(session, username="prop-root", password="property-password")
        assert user.id is not None
        root = Caller("user", user.id, user.username, user.full_name, Role.admin, None, EVERYTHING)
        units, consultation, document, sections = _build(session, parents)
    made: list[Any] = []
    for step in steps:
        with session_scope(engine) as session:
            if step[0] == "add":
                item = CommentCreate.model_validate(_body(step[1], units, document, sections))
                made.append(create_comments(session, caller=root, items=[item])[0].comment["id"])
            elif made and step[0] == "edit":
                body = _body(step[2], units, document, sections)
                update_comment(
                    session,
                    caller=root,
                    comment_id=made[step[1] % len(made)],
                    data=CommentUpdate.model_validate(body),
                )
            elif made and step[0] == "delete":
                delete_comment(
                    session, caller=root, comment_id=made.pop(step[1] % len(made)), reason=None
                )
    with Session(engine) as session:
        for node in units:
            for group in GROUPINGS:
                # As served: orjson writes the stored dates as yyyy-mm-dd.
                answer = orjson.loads(
                    orjson.dumps(
                        stats(
                            session,
                            caller=root,
                            unit_id=node.id,  # type: ignore[arg-type]
                            query=StatsQuery(consultation_id=consultation, group_by=list(group)),
                        )
                    )
                )
                want = _expected(session, units, consultation, node, group)
                got: Counter[tuple[Any, ...]] = Counter()
                for g in answer["groups"]:
                    key = []
                    for dim in group:
                        v = g["key"][dim.value]
                        key.append(v["id"] if isinstance(v, dict) else v)
                    got[tuple(key)] += g["people"]
                if group:
                    assert +got == +want, (node.code, group)
                assert answer["totals"]["people"] == sum(want.values())
