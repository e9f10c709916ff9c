"""Who may read and act on a synthesis: the readable query every get and list starts from, and
the object checks (own unit compiles, parent judges, only drafts change)."""

import uuid

from sqlmodel import Session

from ykien.accounts.caller import Caller
from ykien.core.errors import Conflict, Forbidden, NotFound
from ykien.syntheses.models import (
    Synthesis,
    SynthesisItem,
    SynthesisStatus,
)


def get_readable_synthesis(session: Session, caller: Caller, synthesis_id: uuid.UUID) -> Synthesis:
    synthesis = session.get(Synthesis, synthesis_id)
    if synthesis is None or not caller.scope.covers(synthesis.unit_path):
        raise NotFound(f"Synthesis {synthesis_id} does not exist.")
    return synthesis


def require_own_unit(caller: Caller, unit_id: int) -> None:
    caller.require_compiler()
    if not caller.is_superuser and caller.unit_id != unit_id:
        raise Forbidden("Only the secretaries and admins of the unit compile its synthesis.")


def require_parent_unit(caller: Caller, synthesis: Synthesis) -> None:
    caller.require_compiler()
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
    synthesis = get_readable_synthesis(session, caller, synthesis_id)
    require_own_unit(caller, synthesis.unit_id)
    require_draft(synthesis)
    return synthesis


def get_item(session: Session, synthesis: Synthesis, item_id: uuid.UUID) -> SynthesisItem:
    item = session.get(SynthesisItem, item_id)
    if item is None or item.synthesis_id != synthesis.id:
        raise NotFound(f"Item {item_id} does not exist in synthesis {synthesis.id}.")
    return item
