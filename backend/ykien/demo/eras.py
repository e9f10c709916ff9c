"""The demo's second era: the An Giang of 1 July 2025 beside the pre-2025 Kiên Giang.

From the committed ``data/an_giang_2025_units.json`` (made by
``scripts/make_kien_giang_fixture.py`` from the ``vietnamadminunits`` dataset): the merged
province and its 102 communes, valid from 1 July 2025, and the lineage the dataset gives from the
old Kiên Giang communes (and from the province itself). The old tree — province, districts,
communes and their residential areas — ends on 30 June 2025; its consultation opened before and
runs on it. Two new communes get residential areas, for their boards' accounts.
"""

from datetime import date, timedelta

from sqlalchemy import insert, update
from sqlmodel import Session, col

from ykien.demo.fixtures import read_data
from ykien.units.models import Unit, UnitLevel, UnitLineage
from ykien.units.scope import in_subtree
from ykien.units.tree import place

FIXTURE_2025 = "an_giang_2025_units.json"
MERGED_ON = date(2025, 7, 1)
# New communes given residential areas (the ones with demo accounts).
WITH_AREAS = {"2025.30742": 6, "2025.31078": 4}


def load_current_units(session: Session, units: dict[str, Unit], old_root: Unit) -> Unit:
    """Add the current An Giang to ``units`` (by code), close the old tree the day before the
    merge, and record the lineage; returns the new province."""
    data = read_data(FIXTURE_2025)
    start = date.fromisoformat(data["valid_from"])
    province = place(
        session, code=data["code"], name=data["name"], level=UnitLevel.province.value, parent=None
    )
    province.valid_from = start
    units[province.code] = province
    for c in data["communes"]:
        commune = place(
            session, code=c["code"], name=c["name"], level=UnitLevel.commune.value, parent=province
        )
        commune.valid_from = start
        units[commune.code] = commune
        for i in range(1, WITH_AREAS.get(commune.code, 0) + 1):
            area = place(
                session,
                code=f"{commune.code}-{i:02d}",
                name=f"Khu phố {i}",
                level=UnitLevel.residential_area.value,
                parent=commune,
            )
            area.valid_from = start
            units[area.code] = area
    session.flush()
    session.execute(
        update(Unit)
        .where(in_subtree(col(Unit.path), old_root.path))
        .values(valid_to=start - timedelta(days=1))
        .execution_options(synchronize_session=False)
    )
    pairs = [(code, province.code) for code in data["predecessors"]] + [
        (old, new) for old, new in data["lineage"]
    ]
    session.execute(
        insert(UnitLineage),
        [
            {
                "from_unit_id": units[old].id,
                "to_unit_id": units[new].id,
                "effective_on": start,
                "merge_id": None,
            }
            for old, new in pairs
            if old in units and new in units
        ],
    )
    session.flush()
    for unit in units.values():  # the bulk update above bypassed the loaded objects
        if unit.valid_from is None:
            unit.valid_to = start - timedelta(days=1)
    return province
