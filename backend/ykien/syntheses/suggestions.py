"""Suggestions: the mergeable pool of a synthesis, grouped by ``suggest.group_similar`` within each
document and stance (a group never mixes documents or stances)."""

import uuid
from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.comments.models import Comment, Stance
from ykien.syntheses.access import get_readable_synthesis
from ykien.syntheses.coverage import pool_of, subtree_comments
from ykien.syntheses.models import Synthesis
from ykien.syntheses.schemas import Suggestion, Suggestions
from ykien.syntheses.suggest import SuggestInput, group_similar


@dataclass(frozen=True)
class Candidate:
    key: str
    text: str
    comments: int
    people: int
    document_id: int
    stance: str
    section_id: int | None


def pool(session: Session, *, caller: Caller, synthesis: Synthesis) -> list[Candidate]:
    """What an item of this synthesis may still merge: the subtree's comments nobody here or in a
    child's submitted synthesis carries yet, and the children's submitted items not merged yet."""
    found = pool_of(session, synthesis)
    stmt = subtree_comments(caller, synthesis).with_only_columns(
        col(Comment.id),
        col(Comment.content),
        col(Comment.people),
        col(Comment.document_id),
        col(Comment.stance),
        col(Comment.section_id),
    )
    out = [
        Candidate(f"c:{cid}", content, 1, people, document_id, stance, section_id)
        for cid, content, people, document_id, stance, section_id in session.execute(stmt)
        if cid not in found.covered
    ]
    out += [
        Candidate(
            f"i:{it.id}",
            it.summary,
            it.comments,
            it.people,
            it.document_id,
            it.stance,
            it.section_id,
        )
        for it in found.child_items
    ]
    return out


def group_candidates(candidates: list[Candidate]) -> list[list[Candidate]]:
    """Near-identical candidates, grouped within each (document, stance)."""
    parts: dict[tuple[int, str], list[Candidate]] = defaultdict(list)
    for c in candidates:
        parts[(c.document_id, c.stance)].append(c)
    out: list[list[Candidate]] = []
    for key in sorted(parts):
        members = {c.key: c for c in parts[key]}
        inputs = [
            SuggestInput(key=c.key, text=c.text, comments=c.comments, people=c.people)
            for c in parts[key]
        ]
        out += [[members[k] for k in group] for group in group_similar(inputs)]
    return out


def suggestions(session: Session, *, caller: Caller, synthesis_id: uuid.UUID) -> Suggestions:
    synthesis = get_readable_synthesis(session, caller, synthesis_id)
    rows = []
    for members in group_candidates(pool(session, caller=caller, synthesis=synthesis)):
        if len(members) < 2:
            continue
        sections = {m.section_id for m in members}
        rows.append(
            Suggestion(
                document_id=members[0].document_id,
                stance=Stance(members[0].stance),
                section_id=sections.pop() if len(sections) == 1 else None,
                comment_ids=[uuid.UUID(m.key[2:]) for m in members if m.key.startswith("c:")],
                child_item_ids=[uuid.UUID(m.key[2:]) for m in members if m.key.startswith("i:")],
                sample=members[0].text,
                comments=sum(m.comments for m in members),
                people=sum(m.people for m in members),
            )
        )
    rows.sort(key=lambda r: (-r.comments, -r.people))  # stable: the grouping's order on ties
    return Suggestions(items=rows)
