"""People: the list (cursor pages, filters), one person, adding one and changing their
details. Every read starts from the access policy; every write is a people service."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Header, Query, Router

from throughcare.access import policy
from throughcare.access.gate import Channel, access_person
from throughcare.access.models import Role, User
from throughcare.access.policy import Access, Action, UserAction
from throughcare.audit import services as audit
from throughcare.audit.models import Operation, RecordType
from throughcare.core.errors import Invalid, Refused
from throughcare.people import services as people_services
from throughcare.people.commands import NewPerson, PersonChanges
from throughcare.people.models import Person

from . import idempotency, queries
from .auth import caller
from .errors import ErrorOut
from .idempotency import Created, etag
from .models import Scope
from .pagination import DEFAULT_LIMIT, MAX_LIMIT
from .schemas import (
    Day,
    Id,
    PeoplePage,
    PersonIn,
    PersonOut,
    PersonPatch,
    PersonSummaryOut,
    ProtectedOut,
    StaffOut,
)

router = Router(tags=["people"])

READ_ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 422), ErrorOut)
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 409: ErrorOut}
UPDATE_ERRORS: dict[int, Any] = {**READ_ERRORS, 412: ErrorOut, 428: ErrorOut}
Section = queries.Section


def staff_out(user: User | None) -> StaffOut | None:
    if user is None:
        return None
    return StaffOut(
        id=user.pk, name=user.full_name, role=user.role, organisation_id=user.organisation_id
    )


def _summary(person: Person) -> PersonSummaryOut:
    identity = getattr(person, queries.shares(Section.IDENTITY))
    sentence = getattr(person, queries.shares(Section.SENTENCE))
    allocation = getattr(person, queries.shares(Section.ALLOCATION))
    return PersonSummaryOut(
        id=person.pk,
        crn=person.crn,
        given_name=person.given_name,
        family_name=person.family_name,
        date_of_birth=person.date_of_birth if identity else None,
        prison_number=person.prison_number if identity else None,
        pnc_number=person.pnc_number if identity else None,
        release_date=person.release_date if sentence else None,
        release_date_source=person.release_date_source if sentence else None,
        pom=staff_out(person.pom) if allocation else None,
        com=staff_out(person.com) if allocation else None,
        version=person.version,
    )


def person_out(access: Access) -> PersonOut:
    person = access.person
    protected = None
    if access.can(Action.VIEW_PROTECTED):
        protected = ProtectedOut(
            gender_identity=person.gender_identity,
            ethnicity=person.ethnicity,
            nationality=person.nationality,
            first_language=person.first_language,
            interpreter_required=person.interpreter_required,
            disability=person.disability,
            disability_details=person.disability_details,
            religion=person.religion,
        )
    return PersonOut(
        id=person.pk,
        crn=person.crn,
        given_name=person.given_name,
        middle_names=person.middle_names,
        family_name=person.family_name,
        preferred_name=person.preferred_name,
        date_of_birth=person.date_of_birth,
        sex=person.sex,
        prison_number=person.prison_number,
        pnc_number=person.pnc_number,
        prison_id=person.prison_id,
        release_date=person.release_date,
        release_date_source=person.release_date_source,
        eligibility_date=person.eligibility_date,
        version=person.version,
        protected_characteristics=protected,
    )


@router.get("/people", response={200: PeoplePage, **READ_ERRORS}, summary="List people")
def list_people(
    request: HttpRequest,
    release_from: Day | None = None,
    release_to: Day | None = None,
    team: Id | None = Query(
        None, description="An organisation id: people whose POM or COM is in it"
    ),
    allocated_to: Id | None = Query(
        None, description="A user id: people whose POM or COM they are"
    ),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    """The people the caller may see (as their caseload and search would), soonest release
    first; people with no release date last. Each one listed is audited as consulted."""
    user = caller(request).require(Scope.PEOPLE_READ)
    filters = queries.PeopleFilters(release_from, release_to, team, allocated_to)
    rows, next_cursor = queries.people_page(user, filters, cursor, limit)
    audit.record_many(
        user=user,
        operation=Operation.CONSULTATION,
        record_type=RecordType.API_LIST,
        records=[(person.pk, person.pk) for person in rows],
        reason="channel: api",
    )
    return {"items": [_summary(person) for person in rows], "next_cursor": next_cursor}


@router.get("/people/{person_id}", response={200: PersonOut, **READ_ERRORS}, summary="Get a person")
def get_person(request: HttpRequest, person_id: UUID, response: HttpResponse) -> PersonOut:
    """One person's identity and identifiers, with an `ETag` naming the record's version."""
    user = caller(request).require(Scope.PEOPLE_READ)
    access = access_person(
        user, person_id, action=Action.VIEW, section=Section.IDENTITY, channel=Channel.API
    )
    response["ETag"] = etag(access.person.version)
    return person_out(access)


def _choice(value: Any) -> str:
    return "" if value is None else str(getattr(value, "value", value))


_CHOICES = ("sex", "ethnicity", "disability", "religion")


def _values(data: dict[str, Any]) -> dict[str, Any]:
    """A schema's fields as a command's: choices as their stored values, the prison by id."""
    values: dict[str, Any] = {k: (_choice(v) if k in _CHOICES else v) for k, v in data.items()}
    if "prison_id" in values:
        values["prison"] = queries.prison(values.pop("prison_id"))
    return values


# The records a new person's id leads to (OpenAPI links: schemathesis follows them).
_PERSON_LINKS = {
    name: {"operationId": operation, "parameters": {"person_id": "$response.body#/id"}}
    for name, operation in (
        ("GetPerson", "throughcare_api_people_get_person"),
        ("ListSentences", "throughcare_api_records_list_sentences"),
        ("AddSentence", "throughcare_api_records_create_sentence"),
        ("GetAllocation", "throughcare_api_records_get_allocation"),
        ("ListCaseNotes", "throughcare_api_records_list_case_notes"),
        ("AddCaseNote", "throughcare_api_records_create_case_note"),
    )
}


@router.post(
    "/people",
    response={201: PersonOut, **WRITE_ERRORS},
    summary="Add a person",
    openapi_extra={"responses": {201: {"links": _PERSON_LINKS}}},
)
def create_person(
    request: HttpRequest,
    payload: PersonIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=255),
) -> HttpResponse:
    """Adds a person, as "Add a person" does. Send an `Idempotency-Key` so that a retried
    request returns the first response instead of adding them twice."""
    user = caller(request).require(Scope.PEOPLE_WRITE)
    if not policy.may(user, UserAction.CREATE_PERSON):
        raise Refused("Your role cannot add people")

    def create() -> Created:
        data = payload.model_dump(exclude={"pom_id", "com_id"})
        details = NewPerson(
            **_values(data),
            pom=queries.offender_manager(payload.pom_id, Role.POM, "pom_id"),
            com=queries.offender_manager(payload.com_id, Role.COM, "com_id"),
        )
        person = people_services.create_person(user=user, details=details)
        access = Access(user, person, policy.relation(user, person))
        return Created(
            person_out(access).model_dump(mode="json"),
            headers={"Location": f"{request.path}/{person.pk}", "ETag": etag(person.version)},
        )

    return idempotency.once(
        request, user=user, key=idempotency_key, body=payload.model_dump(mode="json"), create=create
    )


@router.patch(
    "/people/{person_id}",
    response={200: PersonOut, **UPDATE_ERRORS},
    summary="Change a person's details",
)
def update_person(
    request: HttpRequest,
    person_id: UUID,
    payload: PersonPatch,
    response: HttpResponse,
    if_match: str | None = Header(None, alias="If-Match", max_length=100),
) -> PersonOut:
    """Changes the details given (the others stay as they are). Send `If-Match` with the
    `ETag` you read: without it the change is refused (428); if the record has changed since,
    it is refused (412) and the fields changed meanwhile are named."""
    user = caller(request).require(Scope.PEOPLE_WRITE)
    access = access_person(user, person_id, action=Action.EDIT, channel=Channel.API)
    version = idempotency.expected_version(if_match)
    given = payload.model_dump(exclude_unset=True)
    required = ("given_name", "family_name", "date_of_birth", "sex")
    if nulls := [name for name in required if name in given and given[name] is None]:
        raise Invalid(dict.fromkeys(nulls, "This field cannot be emptied"))
    person = people_services.update_person(
        user=user,
        person=access.person,
        changes=PersonChanges(**_values(given)),
        expected_version=version,
    )
    response["ETag"] = etag(person.version)
    return person_out(Access(user, person, access.relation))
