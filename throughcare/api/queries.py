"""The API's reads. Lists start from the access policy's `visible_people`, as the caseload
does; one person's record is loaded by the access gate in the endpoint. Each page costs the
same number of queries however many rows it holds."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db.models import (
    BooleanField,
    DateField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce

from throughcare.access import policy
from throughcare.access.models import Organisation, Role, SharingAgreement
from throughcare.casework.models import CaseNote
from throughcare.core.errors import Invalid
from throughcare.people.models import Person

from . import pagination
from .errors import malformed
from .models import ApiToken

if TYPE_CHECKING:
    from throughcare.access.models import User

Section = SharingAgreement.Section
LIST_SECTIONS = (Section.IDENTITY, Section.SENTENCE, Section.ALLOCATION)
# People with no release date come last: they sort as if released on the last day there is.
NO_RELEASE = date(9999, 12, 31)
ORDER = ("release_key", "pk")


def token_by_prefix(prefix: str) -> ApiToken | None:
    return ApiToken.objects.select_related("user").filter(prefix=prefix).first()


@dataclass(frozen=True)
class PeopleFilters:
    release_from: date | None = None
    release_to: date | None = None
    team: int | None = None
    allocated_to: int | None = None


def shares(section: str) -> str:
    return f"shares_{section}"


def _sections(user: User) -> dict[str, Exists | Value]:
    """For each section a list shows, whether the user may see it of each person: staff who
    see a person see every section; a partner only those their current agreement covers."""
    if user.role != Role.PARTNER:
        return {shares(s): Value(True, output_field=BooleanField()) for s in LIST_SECTIONS}
    agreements = policy.current_agreements(user)
    return {
        shares(s): Exists(agreements.filter(person_id=OuterRef("pk"), sections__icontains=f'"{s}"'))
        for s in LIST_SECTIONS
    }


def people_page(
    user: User, filters: PeopleFilters, cursor: str | None, limit: int
) -> tuple[list[Person], str | None]:
    """A page of the people this user may see, soonest release first, and the cursor to the
    next page (None at the end). Partners are filtered only on what their agreement shares."""
    people: QuerySet[Any] = policy.visible_people(user).annotate(
        release_key=Coalesce("release_date", Value(NO_RELEASE), output_field=DateField()),
        **_sections(user),
    )
    people = _filtered(people, filters)
    if cursor:
        key, pk = pagination.decode(cursor, 2)
        try:
            after = (date.fromisoformat(key), uuid.UUID(pk))
        except ValueError:
            raise malformed("The cursor is not one this API gave", "cursor") from None
        people = people.filter(
            Q(**{"release_key__gt": after[0]}) | Q(**{"release_key": after[0], "pk__gt": after[1]})
        )
    rows = list(
        people.select_related("pom__organisation", "com__organisation").order_by(*ORDER)[
            : limit + 1
        ]
    )
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = pagination.encode(
            [(last.release_date or NO_RELEASE).isoformat(), str(last.pk)]
        )
    return rows, next_cursor


def _filtered(people: QuerySet[Person], filters: PeopleFilters) -> QuerySet[Person]:
    sentence_shared = Q(**{shares(Section.SENTENCE): True})
    allocation_shared = Q(**{shares(Section.ALLOCATION): True})
    if filters.release_from is not None:
        people = people.filter(sentence_shared, release_date__gte=filters.release_from)
    if filters.release_to is not None:
        people = people.filter(sentence_shared, release_date__lte=filters.release_to)
    if filters.team is not None:
        people = people.filter(
            allocation_shared,
            Q(pom__organisation_id=filters.team) | Q(com__organisation_id=filters.team),
        )
    if filters.allocated_to is not None:
        people = people.filter(
            allocation_shared, Q(pom_id=filters.allocated_to) | Q(com_id=filters.allocated_to)
        )
    return people


def notes_page(
    notes: QuerySet[CaseNote], cursor: str | None, limit: int
) -> tuple[list[CaseNote], str | None]:
    """A page of a person's case notes (already limited to those the user may read: see
    `casework.queries.timeline`), newest first."""
    if cursor:
        occurred, created, pk = pagination.decode(cursor, 3)
        try:
            on, at, key = date.fromisoformat(occurred), datetime.fromisoformat(created), int(pk)
        except ValueError:
            raise malformed("The cursor is not one this API gave", "cursor") from None
        notes = notes.filter(
            Q(occurred_on__lt=on)
            | Q(occurred_on=on, created_at__lt=at)
            | Q(occurred_on=on, created_at=at, pk__lt=key)
        )
    rows = list(notes.order_by("-occurred_on", "-created_at", "-pk")[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = pagination.encode(
            [last.occurred_on.isoformat(), last.created_at.isoformat(), str(last.pk)]
        )
    return rows, next_cursor


def prison(organisation_id: int | None) -> Organisation | None:
    """The prison a new or changed record names, or Invalid for an id that is not one."""
    if organisation_id is None:
        return None
    found = Organisation.objects.filter(pk=organisation_id, kind=Organisation.Kind.PRISON).first()
    if found is None:
        raise Invalid({"prison_id": "There is no prison with this id"})
    return found


def offender_manager(user_id: int | None, role: str, field: str) -> User | None:
    """The POM or COM a new record is allocated to, or Invalid for an id that is not one."""
    if user_id is None:
        return None
    from throughcare.access.models import User

    found = User.objects.filter(pk=user_id, role=role, is_active=True).first()
    if found is None:
        raise Invalid({field: f"There is no active {Role(role).label.lower()} with this id"})
    return found
