"""Reads of people: caseloads and search. Every one starts from the access policy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from throughcare.access import policy
from throughcare.access.models import Role

from . import rules
from .models import Alias, Person

if TYPE_CHECKING:
    from throughcare.access.models import User

SORTS = {
    "name": ("family_name", "given_name"),
    "crn": ("crn",),
    "prison": ("prison__name",),
    "release": ("release_date",),
    "eligibility": ("eligibility_date",),
}
DEFAULT_SORT = "release"
RELEASING_SOON_WEEKS = 12


@dataclass(frozen=True)
class CaseloadOptions:
    sort: str = DEFAULT_SORT
    descending: bool = False
    releasing_soon: bool = False


def caseload(user: User, options: CaseloadOptions, today: date) -> QuerySet[Person]:
    """The people allocated to this user (to a senior probation officer: their team's)."""
    people = policy.visible_people(user)
    if user.role != Role.SPO:
        people = people.filter(Q(pom_id=user.pk) | Q(com_id=user.pk))
    if options.releasing_soon:
        people = people.filter(
            release_date__gte=today,
            release_date__lte=today + timedelta(weeks=RELEASING_SOON_WEEKS),
        )
    fields = SORTS.get(options.sort, SORTS[DEFAULT_SORT])
    ordering = [
        F(field).desc(nulls_last=True) if options.descending else F(field).asc(nulls_last=True)
        for field in fields
    ]
    return people.select_related("prison", "pom", "com").order_by(*ordering, "pk")


def search(user: User, text: str) -> QuerySet[Person]:
    """People this user may find whose name (or alias) contains every word typed, or whose
    CRN, prison number or PNC number is the text typed. Each carries `is_visible`: whether the
    user may open the record without giving a reason; the others show name, CRN and date of
    birth only."""
    text = text.strip()
    visible = policy.visible_people(user).filter(pk=OuterRef("pk"))
    people = policy.findable_people(user).annotate(is_visible=Exists(visible))
    identifier = rules.normalise_identifier(text)
    pnc = rules.normalise_pnc(identifier)
    if rules.is_valid_crn(identifier) or rules.is_valid_prison_number(identifier):
        # A well-formed identifier: looked up by its unique index alone.
        condition = Q(crn=identifier) | Q(prison_number=identifier)
    elif rules.is_valid_pnc(pnc):
        condition = Q(pnc_number=pnc)
    else:
        condition = Q()
        for word in text.split():
            aliases = Alias.objects.filter(
                Q(given_name__icontains=word) | Q(family_name__icontains=word),
                person_id=OuterRef("pk"),
            )
            condition &= (
                Q(given_name__icontains=word)
                | Q(family_name__icontains=word)
                | Q(middle_names__icontains=word)
                | Q(preferred_name__icontains=word)
                | Q(Exists(aliases))
            )
    return (
        people.filter(condition)
        .select_related("prison")
        .order_by("family_name", "given_name", "pk")
    )
