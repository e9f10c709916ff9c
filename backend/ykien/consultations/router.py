"""HTTP for consultations and documents."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status

from ykien.accounts.dependencies import AdminDep, CallerDep
from ykien.consultations import sentiment, service
from ykien.consultations.models import ConsultationKind
from ykien.consultations.periods import DEFAULT_TOPICS
from ykien.consultations.schemas import (
    ConsultationCreate,
    ConsultationPublic,
    ConsultationUpdate,
    DocumentCreate,
    DocumentListItem,
    DocumentPublic,
    Month,
    SentimentTopics,
)
from ykien.core.deps import SessionDep
from ykien.core.pagination import CursorQuery, LimitQuery, Page
from ykien.core.params import IdPath, IdQuery

router = APIRouter(tags=["consultations"])


KindQuery = Annotated[
    ConsultationKind | None,
    Query(description="Only consultations of this kind: `documents` or `sentiment`."),
]
PeriodQuery = Annotated[
    Month | None,
    Query(description='Only the sentiment consultations of this month, "yyyy-mm".'),
]


@router.post(
    "/consultations",
    status_code=status.HTTP_201_CREATED,
    responses={409: {"description": "The unit has a sentiment consultation for that month"}},
)
def create_consultation(
    body: ConsultationCreate, session: SessionDep, caller: AdminDep
) -> ConsultationPublic:
    """A consultation owned by a unit of the admin's subtree; it opens at once. Of kind
    ``sentiment``, it covers a month (``period``, one per unit and month) and gets its topic
    list (``topics``, or the default list) as a document whose sections are the topics."""
    return service.public(service.create_consultation(session, caller=caller, data=body))


@router.get("/consultations")
def list_consultations(
    session: SessionDep,
    caller: CallerDep,
    unit_id: IdQuery = None,
    kind: KindQuery = None,
    period: PeriodQuery = None,
    limit: LimitQuery = 100,
    cursor: CursorQuery = None,
) -> Page[ConsultationPublic]:
    """Consultations visible to the caller, newest first; with ``unit_id``, those that unit
    takes part in; with ``kind`` and ``period``, those of that kind and month."""
    rows, next_cursor = service.list_consultations(
        session,
        caller=caller,
        unit_id=unit_id,
        cursor=cursor,
        limit=limit,
        kind=kind,
        period=period,
    )
    return Page(items=[service.public(c) for c in rows], next_cursor=next_cursor)


@router.get("/consultations/sentiment-topics")
def sentiment_topics(caller: CallerDep) -> SentimentTopics:
    """The default topic list offered when a sentiment consultation is created (đất đai, môi
    trường, giá cả…): the form shows it to be edited before the consultation is created."""
    return SentimentTopics(topics=list(DEFAULT_TOPICS))


@router.post(
    "/consultations/{consultation_id}/next-period",
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {
            "description": "That month's consultation existed already: it is returned",
            "model": ConsultationPublic,
        },
        409: {"description": "The consultation is not a sentiment consultation"},
    },
)
def open_next_period(
    consultation_id: IdPath, session: SessionDep, caller: AdminDep, response: Response
) -> ConsultationPublic:
    """Open next month's sentiment consultation of the same unit, with this one's topic lists
    and its dates and deadlines moved by a month. Idempotent by unit and month: when that
    month's exists already, it is answered (200) and nothing is created."""
    consultation, created = sentiment.open_next_period(
        session, caller=caller, consultation_id=consultation_id
    )
    if not created:
        response.status_code = status.HTTP_200_OK
    return service.public(consultation)


@router.get("/consultations/{consultation_id}")
def get_consultation(
    consultation_id: IdPath, session: SessionDep, caller: CallerDep
) -> ConsultationPublic:
    """A consultation the caller sees (its owner's subtree and the owner's ancestors)."""
    return service.public(
        service.get_consultation(session, caller=caller, consultation_id=consultation_id)
    )


@router.patch("/consultations/{consultation_id}")
def update_consultation(
    consultation_id: IdPath, body: ConsultationUpdate, session: SessionDep, caller: AdminDep
) -> ConsultationPublic:
    """Correct the title, the closing day or the per-level deadlines (admins of its unit or
    above). ``deadlines`` replaces the whole map."""
    return service.public(
        service.update_consultation(
            session, caller=caller, consultation_id=consultation_id, data=body
        )
    )


@router.post(
    "/consultations/{consultation_id}/reopen",
    responses={409: {"description": "The consultation is open already"}},
)
def reopen_consultation(
    consultation_id: IdPath, session: SessionDep, caller: AdminDep
) -> ConsultationPublic:
    """Open a closed consultation again: entry and edits are allowed once more."""
    return service.public(
        service.reopen_consultation(session, caller=caller, consultation_id=consultation_id)
    )


@router.post(
    "/consultations/{consultation_id}/close",
    responses={409: {"description": "The consultation is closed already"}},
)
def close_consultation(
    consultation_id: IdPath, session: SessionDep, caller: AdminDep
) -> ConsultationPublic:
    """Freeze entry: no comment can be created, changed or deleted afterwards."""
    return service.public(
        service.close_consultation(session, caller=caller, consultation_id=consultation_id)
    )


@router.post(
    "/documents",
    status_code=status.HTTP_201_CREATED,
    tags=["documents"],
    responses={409: {"description": "The consultation has a document with this code"}},
)
def create_document(body: DocumentCreate, session: SessionDep, caller: AdminDep) -> DocumentPublic:
    """A draft document with its section tree, in one request; the answer carries section ids."""
    return service.create_document(session, caller=caller, data=body)


@router.get("/documents", tags=["documents"])
def list_documents(
    session: SessionDep,
    caller: CallerDep,
    consultation_id: IdQuery = None,
    include: Annotated[
        Literal["sections"] | None,
        Query(
            description="`sections`: each document with its section tree (`sections`), so "
            "that a client showing several documents needs one request, not one per document."
        ),
    ] = None,
    limit: LimitQuery = 100,
    cursor: CursorQuery = None,
) -> Page[DocumentListItem]:
    """Documents of the consultations the caller sees, in creation order; with
    ``include=sections``, each with its section tree (as ``GET /documents/{id}`` gives it)."""
    items, next_cursor = service.list_documents(
        session,
        caller=caller,
        consultation_id=consultation_id,
        cursor=cursor,
        limit=limit,
        with_sections=include == "sections",
    )
    return Page(items=items, next_cursor=next_cursor)


@router.get("/documents/{document_id}", tags=["documents"])
def get_document(document_id: IdPath, session: SessionDep, caller: CallerDep) -> DocumentPublic:
    """The document with its section tree, each section with its ``id``."""
    document = service.get_document(session, caller=caller, document_id=document_id)
    return service.document_public(session, document)
