"""Reads of lists of people: caseloads, a partner's landing page and search. Every one starts
from the access policy."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import CharField, F, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Concat

from throughcare.access import policy
from throughcare.access.models import Role
from throughcare.people import rules
from throughcare.people.models import Person

from . import columns

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


def sort_keys() -> set[str]:
    """Every column the caseload may be sorted on: its own and those other apps declare."""
    return {*SORTS, *columns.sorts()}


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
    sorts = {**SORTS, **columns.sorts()}
    fields = sorts.get(options.sort, SORTS[DEFAULT_SORT])
    extra = columns.annotated()
    if extra:
        people = people.annotate(**extra)
    ordering = [
        F(field).desc(nulls_last=True) if options.descending else F(field).asc(nulls_last=True)
        for field in fields
    ]
    # The offender managers are shown by name: their password hashes are not read.
    return (
        people.select_related("prison", "pom", "com")
        .defer("pom__password", "com__password")
        .order_by(*ordering, "pk")
    )


def shared_with(user: User) -> QuerySet[Person]:
    """For a partner worker: the people shared with their organisation under a current
    agreement, by name, each with those agreements (`agreements`, soonest ending first)."""
    agreements = policy.current_agreements(user).order_by("end_date", "pk")
    return (
        policy.visible_people(user)
        .prefetch_related(Prefetch("sharing_agreements", agreements, to_attr="agreements"))
        .order_by("family_name", "given_name", "pk")
    )


def search_words(text: str) -> list[str]:
    """The words of what was typed: commas separate words too, so that "Surname, Forename",
    the form every table lists people in, finds them."""
    return [word for word in re.split(r"[\s,]+", text) if word]


def search(user: User, text: str) -> QuerySet[Person]:
    """People this user may find whose name (or other name) contains every word typed, or whose
    CRN, prison number or PNC number is the text typed. A person is matched only on what a
    search result may show this user of them (policy.SEARCH_RULES): a partner whose agreement
    does not cover identity cannot confirm a prison number by finding the person with it.
    Each person carries the policy's annotations: `is_visible` and `shows_<fact>`."""
    text = text.strip()
    people = policy.searchable_people(user)

    def shown(fact: policy.SearchFact) -> Q:
        return Q(**{policy.shows(fact): True})

    identifier = rules.normalise_identifier(text)
    pnc = rules.normalise_pnc(identifier)
    words = search_words(text)
    if rules.is_valid_crn(identifier) or rules.is_valid_prison_number(identifier):
        # A well-formed identifier: looked up by its unique indexes alone.
        people = people.filter(Q(crn=identifier) | Q(prison_number=identifier))
        condition = (Q(crn=identifier) & shown(policy.SearchFact.CRN)) | (
            Q(prison_number=identifier) & shown(policy.SearchFact.PRISON_NUMBER)
        )
    elif rules.is_valid_pnc(pnc):
        condition = Q(pnc_number=pnc) & shown(policy.SearchFact.PNC_NUMBER)
    elif not words:
        return people.none()
    else:
        condition = Q()
        for word in words:
            names = (
                Q(given_name__icontains=word)
                | Q(family_name__icontains=word)
                | Q(middle_names__icontains=word)
            )
            # The other names are kept on the person (Person.other_names), not read through
            # the aliases: a subquery inside this OR would stop PostgreSQL using any index.
            others = Q(preferred_name__icontains=word) | Q(other_names__icontains=word)
            if connection.vendor == "postgresql":
                # Every match of the word, by any name, as a condition of its own: an OR of
                # conditions the names' trigram indexes serve one by one, which PostgreSQL
                # combines in one bitmap, reading only the matches (docs/operations.md,
                # "Search"). The condition below then keeps those this user may find by it.
                people = people.filter(names | others)
            condition &= (names & shown(policy.SearchFact.NAME)) | (
                others & shown(policy.SearchFact.OTHER_NAMES)
            )
    family_name: F | Concat = F("family_name")
    if connection.vendor == "postgresql" and words:
        # The same order, by an expression the name index cannot give: PostgreSQL then sorts
        # the few matches, rather than walking the whole index to meet a page of them.
        family_name = Concat("family_name", Value(""), output_field=CharField())
    return people.filter(condition).order_by(family_name.asc(), "given_name", "pk")
