"""A person's sentences and key dates, allocation and case notes. Each call loads the person
through the access gate (channel "api"), which audits it; a partner sees a part of the record
only if their sharing agreement covers it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Header, Query, Router

from throughcare.access.gate import Channel, access_person
from throughcare.access.policy import Action
from throughcare.casework import queries as casework_queries
from throughcare.casework import services as casework_services
from throughcare.casework.models import CaseNote
from throughcare.casework.services import NewCaseNote
from throughcare.people import services as people_services
from throughcare.people.commands import NewSentence
from throughcare.people.models import Sentence

from . import idempotency, queries
from .auth import caller
from .idempotency import Created, etag
from .models import Scope
from .pagination import DEFAULT_LIMIT, MAX_LIMIT
from .people import READ_ERRORS, WRITE_ERRORS, Section, staff_out
from .schemas import (
    AllocationOut,
    CaseNoteIn,
    CaseNoteOut,
    CaseNotesPage,
    SentenceIn,
    SentenceOut,
    SentencesOut,
)

router = Router(tags=["records"])


def sentence_out(sentence: Sentence) -> SentenceOut:
    return SentenceOut(
        id=sentence.pk,
        sentence_type=sentence.sentence_type,
        sentence_date=sentence.sentence_date,
        length_years=sentence.length_years,
        length_months=sentence.length_months,
        length_days=sentence.length_days,
        is_current=sentence.is_current,
        key_dates=sentence.key_dates(),
        version=sentence.version,
    )


def note_out(note: CaseNote) -> CaseNoteOut:
    return CaseNoteOut(
        id=note.pk,
        note_type=note.note_type,
        occurred_on=note.occurred_on,
        text=note.text,
        sensitive=note.sensitive,
        withheld_from_partners=note.withheld_from_partners,
        author=note.author.full_name,
        created_at=note.created_at,
    )


@router.get(
    "/people/{person_id}/sentences",
    response={200: SentencesOut, **READ_ERRORS},
    summary="List a person's sentences and key dates",
)
def list_sentences(request: HttpRequest, person_id: UUID) -> dict[str, Any]:
    """Every sentence, current first, each with its key dates (null where not recorded)."""
    user = caller(request).require(Scope.SENTENCES_READ)
    access = access_person(
        user,
        person_id,
        action=Action.VIEW,
        section=Section.SENTENCE,
        channel=Channel.API,
        record_type="sentence",
    )
    return {
        "items": [
            sentence_out(s)
            for s in access.person.sentences.order_by("-is_current", "-sentence_date", "-pk")
        ]
    }


@router.post(
    "/people/{person_id}/sentences",
    response={201: SentenceOut, **WRITE_ERRORS},
    summary="Add a sentence",
)
def create_sentence(
    request: HttpRequest,
    person_id: UUID,
    payload: SentenceIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=255),
) -> HttpResponse:
    """Adds a sentence with its key dates; the person's shown release date follows it."""
    user = caller(request).require(Scope.SENTENCES_WRITE)
    access = access_person(
        user, person_id, action=Action.EDIT, channel=Channel.API, record_type="sentence"
    )

    def create() -> Created:
        data = payload.model_dump()
        data["sentence_type"] = payload.sentence_type.value
        sentence = people_services.add_sentence(
            user=user, person=access.person, sentence=NewSentence.from_cleaned(data)
        )
        return Created(
            sentence_out(sentence).model_dump(mode="json"), headers={"ETag": etag(sentence.version)}
        )

    return idempotency.once(
        request, user=user, key=idempotency_key, body=payload.model_dump(mode="json"), create=create
    )


@router.get(
    "/people/{person_id}/allocation",
    response={200: AllocationOut, **READ_ERRORS},
    summary="Get who holds a person's case",
)
def get_allocation(request: HttpRequest, person_id: UUID, response: HttpResponse) -> AllocationOut:
    """The prison and community offender managers, with the person's version as `ETag`."""
    user = caller(request).require(Scope.ALLOCATIONS_READ)
    access = access_person(
        user,
        person_id,
        action=Action.VIEW,
        section=Section.ALLOCATION,
        channel=Channel.API,
        record_type="allocation",
    )
    person = access.person
    response["ETag"] = etag(person.version)
    return AllocationOut(
        pom=staff_out(person.pom), com=staff_out(person.com), version=person.version
    )


@router.get(
    "/people/{person_id}/case-notes",
    response={200: CaseNotesPage, **READ_ERRORS},
    summary="List a person's case notes",
)
def list_case_notes(
    request: HttpRequest,
    person_id: UUID,
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    """The notes the caller may read, newest first: sensitive notes only for the case team,
    and never notes withheld from partners for a partner."""
    user = caller(request).require(Scope.CASE_NOTES_READ)
    access = access_person(
        user,
        person_id,
        action=Action.VIEW,
        section=Section.CASE_NOTES,
        channel=Channel.API,
        record_type="case note",
    )
    rows, next_cursor = queries.notes_page(casework_queries.timeline(access), cursor, limit)
    return {"items": [note_out(note) for note in rows], "next_cursor": next_cursor}


@router.post(
    "/people/{person_id}/case-notes",
    response={201: CaseNoteOut, **WRITE_ERRORS},
    summary="Add a case note",
)
def create_case_note(
    request: HttpRequest,
    person_id: UUID,
    payload: CaseNoteIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=255),
) -> HttpResponse:
    user = caller(request).require(Scope.CASE_NOTES_WRITE)
    access = access_person(
        user,
        person_id,
        action=Action.ADD_CASE_NOTE,
        channel=Channel.API,
        record_type="case note",
    )

    def create() -> Created:
        note = casework_services.add_case_note(
            user=user,
            person=access.person,
            note=NewCaseNote(
                note_type=payload.note_type.value,
                occurred_on=payload.occurred_on,
                text=payload.text,
                sensitive=payload.sensitive,
                withheld_from_partners=payload.withheld_from_partners,
            ),
        )
        return Created(note_out(note).model_dump(mode="json"))

    return idempotency.once(
        request, user=user, key=idempotency_key, body=payload.model_dump(mode="json"), create=create
    )
