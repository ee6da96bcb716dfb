"""The words a practitioner expects: a missing value is "Not known" or "Not recorded", never
"None" or a blank; a release date that has passed says so rather than "-5"; the senior
probation officer's caseload names each person's POM and COM."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from conftest import search
from throughcare.access import policy
from throughcare.access.models import Role, User
from throughcare.documents import pdf
from throughcare.documents import queries as documents
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def visible_text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style|title)\b.*?</\1>", " ", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def assert_nothing_missing_shows_as_none(html: str) -> None:
    text = visible_text(html)
    assert not re.search(r"\bNone\b", text), text[max(0, text.find("None") - 80) :][:200]
    assert not re.search(r"<(dd|td)\b[^>]*>\s*</\1>", html), "a blank value"


@pytest.fixture
def sparse(make_person: Callable[..., Person]) -> Person:
    """A person with nothing optional recorded: no identifiers, no sentence, no language."""
    return make_person(prison=None)


def test_the_overview_says_not_recorded_and_not_known(
    client_for: Callable[[User], Client], com: User, sparse: Person
) -> None:
    body = client_for(com).get(reverse("record:overview", args=[sparse.pk])).content.decode()
    assert_nothing_missing_shows_as_none(body)
    text = visible_text(body)
    assert "Prison number Not recorded" in text
    assert "PNC number Not recorded" in text
    assert "Eligibility date Not known" in text
    assert "Release date Not known" in text


def test_the_caseload_and_search_say_not_known(
    client_for: Callable[[User], Client], com: User, sparse: Person
) -> None:
    client = client_for(com)
    caseload = client.get(reverse("caseload:caseload")).content.decode()
    assert_nothing_missing_shows_as_none(caseload)
    assert "Not known" in visible_text(caseload)
    results = search(client, sparse.family_name).content.decode()
    assert_nothing_missing_shows_as_none(results)
    assert "Not recorded" in visible_text(results)


def test_the_subject_access_copy_says_not_recorded(sparse: Person, com: User) -> None:
    access = policy.Access(com, sparse, policy.Relation.ALLOCATED)
    html = pdf.subject_access_html(documents.subject_access(access))
    assert_nothing_missing_shows_as_none(html)
    assert "Not recorded" in visible_text(html)


def test_the_users_page_has_no_none(
    client_for: Callable[[User], Client], make_user: Callable[..., User]
) -> None:
    admin = make_user(Role.ADMIN, None)
    body = client_for(admin).get(reverse("oversight:users")).content.decode()
    assert_nothing_missing_shows_as_none(body)


def test_a_release_date_that_has_passed_says_so(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person]
) -> None:
    """Not "-5" days until release."""
    in_prison = make_person(release_in_days=-5)
    released = make_person(release_in_days=-40, prison=None)
    soon = make_person(release_in_days=3)
    body = visible_text(client_for(com).get(reverse("caseload:caseload")).content.decode())
    assert not re.search(r"(^|\s)-\d+(\s|$)", body)
    assert re.search(rf"{re.escape(in_prison.crn)} .* Release date passed", body)
    assert re.search(rf"{re.escape(released.crn)} In the community .* Released", body)
    assert re.search(rf"{re.escape(soon.crn)} .* 3 ", body)


def test_the_spo_caseload_shows_the_pom_and_com(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    make_person: Callable[..., Person],
    com: User,
    pom: User,
) -> None:
    person = make_person(release_in_days=30)
    spo = make_user(Role.SPO, "team")
    body = client_for(spo).get(reverse("caseload:caseload")).content.decode()
    assert "Prison offender manager" in body and "Community offender manager" in body
    # The row after the CRN (which is random, and may itself hold "30"): POM, COM, then days.
    row = visible_text(body[body.index(person.crn) + len(person.crn) :])
    days = re.search(r"\b30\b", row[row.index(com.full_name) + len(com.full_name) :])
    assert row.index(pom.full_name) < row.index(com.full_name) and days is not None
    unallocated_pom = make_person(pom=None, release_in_days=60)
    body = client_for(spo).get(reverse("caseload:caseload")).content.decode()
    assert "Not allocated" in visible_text(body[body.index(unallocated_pom.crn) :])
