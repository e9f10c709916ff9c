"""Who may read and act on a synthesis: the readable queries every get and list starts from, and
the object checks (the unit's own compilers write its drafts, the parent's judge them, only drafts
change). Role gates that do not depend on the object are declared on the routes (``CompilerDep``,
``WriterDep``); who compiles depends on the unit's level too (``require_compiler_of``).
"""

import uuid

from sqlalchemy import Select, select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.accounts.models import Role
from ykien.consultations.models import Consultation
from ykien.core.errors import Conflict, Forbidden, NotFound
from ykien.syntheses.deadlines import submits
from ykien.syntheses.models import Synthesis, SynthesisItem, SynthesisStatus
from ykien.units.models import Unit, UnitLevel


def readable_syntheses(caller: Caller) -> Select[Synthesis]:
    """The syntheses the caller may read: those of the units of its subtree."""
    return select(Synthesis).where(caller.scope.condition(col(Synthesis.unit_path)))


def readable_items(caller: Caller) -> Select[SynthesisItem, Synthesis]:
    """The items the caller may read (those of readable syntheses), each with its synthesis."""
    return (
        select(SynthesisItem, Synthesis)
        .join(Synthesis, col(Synthesis.id) == col(SynthesisItem.synthesis_id))
        .where(caller.scope.condition(col(Synthesis.unit_path)))
    )


def get_readable_synthesis(session: Session, caller: Caller, synthesis_id: uuid.UUID) -> Synthesis:
    """The synthesis, or 404 when it does not exist or lies outside the caller's subtree."""
    synthesis = session.scalars(
        readable_syntheses(caller).where(col(Synthesis.id) == synthesis_id)
    ).first()
    if synthesis is None:
        raise NotFound(f"Synthesis {synthesis_id} does not exist.")
    return synthesis


def require_own_unit(caller: Caller, unit_id: int) -> None:
    if not caller.is_superuser and caller.unit_id != unit_id:
        raise Forbidden("Only the secretaries and admins of the unit compile its synthesis.")


def require_compiler_of(caller: Caller, unit: Unit, consultation: Consultation) -> None:
    """The unit's own secretaries and admins compile and submit its synthesis; so do a residential
    area's entry users when the consultation gives residential areas a deadline (an area's board
    is often one person, who also enters the comments)."""
    area_entry = (
        caller.role == Role.entry
        and unit.level == UnitLevel.residential_area.value
        and submits(consultation, unit.level)
    )
    if not area_entry:
        caller.require_compiler()
    assert unit.id is not None  # a stored unit
    require_own_unit(caller, unit.id)


def require_parent_unit(caller: Caller, synthesis: Synthesis) -> None:
    if not caller.is_superuser and (
        synthesis.parent_unit_id is None or caller.unit_id != synthesis.parent_unit_id
    ):
        raise Forbidden("Only the secretaries and admins of the parent unit judge a synthesis.")


def require_draft(synthesis: Synthesis) -> None:
    if synthesis.status != SynthesisStatus.draft.value:
        raise Conflict(
            f"The synthesis is {synthesis.status}: only a draft can be changed or submitted."
        )


def draft_for_writing(session: Session, caller: Caller, synthesis_id: uuid.UUID) -> Synthesis:
    """A draft the caller may change (404 unreadable, 403 not its compiler, 409 not a draft)."""
    synthesis = get_readable_synthesis(session, caller, synthesis_id)
    unit = session.get(Unit, synthesis.unit_id)
    consultation = session.get(Consultation, synthesis.consultation_id)
    assert unit is not None and consultation is not None  # foreign keys
    require_compiler_of(caller, unit, consultation)
    require_draft(synthesis)
    return synthesis


def get_item(session: Session, synthesis: Synthesis, item_id: uuid.UUID) -> SynthesisItem:
    item = session.get(SynthesisItem, item_id)
    if item is None or item.synthesis_id != synthesis.id:
        raise NotFound(f"Item {item_id} does not exist in synthesis {synthesis.id}.")
    return item
