"""The outcomes page and its CSV: for the senior probation officer only; the figures of a small
hand-built cohort; every chart with its table; audited as one consultation or one disclosure
with nobody named; the same number of queries whatever the number of people."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, RecordType
from throughcare.insight import measures
from throughcare.people.models import Person
from throughcare.planning.release import services

pytestmark = pytest.mark.django_db
Clients = Callable[[User], Client]
REPORT, CSV = reverse("insight_outcomes:report"), reverse("insight_outcomes:csv")


def _released(com: User, person: Person, on: date, slept: str, **outcome: object) -> None:
    services.record_release(
        user=com,
        person=person,
        data={"released_on": on, "slept": slept, "slept_details": "", "appointment_kept": "yes"},
    )
    services.record_outcome(
        user=com,
        person=person,
        data={"in_work_at_six_weeks": "", "recalled_on": None, "reoffence_on": None, **outcome},
    )


@pytest.fixture
def cohort(com: User, make_person: Callable[..., Person]) -> list[Person]:
    people = [make_person() for _ in range(4)]
    # Today is 24 November 2026.
    _released(
        com,
        people[0],
        date(2026, 10, 5),
        "settled",
        in_work_at_six_weeks="yes",
        recalled_on=date(2026, 10, 20),
    )
    _released(com, people[1], date(2026, 10, 12), "temporary", in_work_at_six_weeks="no")
    _released(com, people[2], date(2026, 9, 3), "rough sleeping", in_work_at_six_weeks="not known")
    _released(com, people[3], date(2026, 11, 20), "settled")
    return people


@pytest.fixture
def spo(make_user: Callable[..., User]) -> User:
    return make_user(Role.SPO, "team")


def _row(body: str, month: str) -> list[str]:
    """The cells of a month's row in the first table after `body`'s start."""
    start = body.index(f'<th scope="row" class="govuk-table__header">{month}</th>')
    row = body[start : body.index("</tr>", start)]
    return re.findall(r"<td [^>]*>([^<]*)</td>", row)


def _section(body: str, key: str) -> str:
    start = body.index(f'<section class="govuk-!-margin-bottom-8" aria-labelledby="{key}">')
    return body[start : body.index("</section>", start)]


def test_only_the_senior_probation_officer_may_see_them(
    spo: User, com: User, pom: User, client_for: Clients, make_user: Callable[..., User]
) -> None:
    for url in (REPORT, CSV):
        assert client_for(spo).get(url).status_code == 200
        for user in (com, pom, make_user(Role.PARTNER, "partner"), make_user(Role.ADMIN, None)):
            assert client_for(user).get(url).status_code == 403, (user.role, url)
        assert Client().get(url).status_code == 302  # to sign in


def test_the_figures_of_a_hand_built_cohort(
    spo: User, cohort: list[Person], client_for: Clients
) -> None:
    body = client_for(spo).get(REPORT).content.decode()
    settled = _section(body, "settled_first_night")
    # Month, then released, known, with the outcome, share.
    assert _row(settled, "October 2026") == ["2", "2", "1", "50% (too few to judge)"]
    assert _row(settled, "September 2026") == ["1", "1", "0", "0% (too few to judge)"]
    assert _row(settled, "November 2026") == ["1", "1", "1", "100% (too few to judge)"]
    assert _row(settled, "August 2026") == ["0", "0", "0", "None known"]
    assert "National: 40%" in settled and 'role="img"' in settled
    work = _section(body, "in_work_at_six_weeks")
    assert "November 2026" not in work  # six weeks have not passed for anyone released then
    assert _row(work, "October 2026") == ["2", "2", "1", "50% (too few to judge)"]
    assert _row(work, "September 2026") == ["1", "0", "0", "None known"]
    recall = _section(body, "recalled_28_days")
    assert _row(recall, "October 2026") == ["2", "2", "1", "50% (too few to judge)"]
    assert "Too few to compare this quarter with the last" in recall
    # Every measure has its chart, its table beside it and its notes.
    assert body.count('role="img"') == len(measures.MEASURES)
    assert body.count("<table") == len(measures.MEASURES)
    assert "18 months after release" in _section(body, "reoffended_year")
    for person in cohort:
        assert person.full_name not in body and str(person.pk) not in body


def test_the_csv_has_the_monthly_table_and_nobody_in_it(
    spo: User, cohort: list[Person], client_for: Clients
) -> None:
    response = client_for(spo).get(CSV)
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="outcomes-2026-11-24.csv"'
    lines = response.content.decode().splitlines()
    assert lines[0] == "measure,month_of_release,released,outcome_known,with_outcome,share"
    assert len(lines) == 1 + 12 * len(measures.MEASURES)
    settled = [line for line in lines if "2026-10" in line and "settled" in line]
    assert settled == [
        "Slept in settled accommodation on the night of release,2026-10,"
        "Fewer than 30,Fewer than 30,Fewer than 30,Fewer than 30"
    ]
    text = response.content.decode()
    for person in cohort:
        assert (
            person.full_name not in text and str(person.pk) not in text and person.crn not in text
        )


def test_the_page_and_the_csv_are_audited_with_nobody_named(
    spo: User, cohort: list[Person], client_for: Clients
) -> None:
    client = client_for(spo)
    client.get(REPORT)
    (seen,) = AuditEvent.objects.filter(record_type=RecordType.OUTCOMES_REPORT)
    assert (seen.operation, seen.person_id, seen.user_id) == ("consultation", None, spo.pk)
    client.get(CSV)
    (sent,) = AuditEvent.objects.filter(record_type=RecordType.INSIGHT_EXPORT)
    assert (sent.operation, sent.person_id, sent.user_id) == ("disclosure", None, spo.pk)
    assert "CSV" in sent.reason


def test_the_same_number_of_queries_whatever_the_number_of_people(
    spo: User,
    com: User,
    cohort: list[Person],
    client_for: Clients,
    make_person: Callable[..., Person],
) -> None:
    client = client_for(spo)

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries.captured_queries)

    before = (count(REPORT), count(CSV))
    for day in (1, 8, 15):
        _released(com, make_person(), date(2026, 6, day), "temporary", recalled_on=date(2026, 7, 1))
    assert (count(REPORT), count(CSV)) == before
