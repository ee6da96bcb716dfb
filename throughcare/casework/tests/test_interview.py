"""The interview with the person (P1-P8) through the record's long-form frame: the task list,
a section a page, stale saves, resuming later, amendments after the day, sources, the summary
(P5) and the person's copy."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import share
from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, Operation, RecordType
from throughcare.casework.interview import queries, questions
from throughcare.casework.models import Amendment, Interview, InterviewAnswer
from throughcare.casework.sources import SourceKind
from throughcare.core import clock
from throughcare.people.models import Person

from .interview_answers import ANSWERS

pytestmark = pytest.mark.django_db


def _start(client: Client, person: Person) -> Interview:
    response = client.post(reverse("casework:interview-start", args=[person.pk]))
    assert response.status_code == 302
    return Interview.objects.get(person=person)


def _url(person: Person, interview: Interview, section: str) -> str:
    return reverse("casework:interview-section", args=[person.pk, interview.pk, section])


def _post(client: Client, person: Person, interview: Interview, section: str, **extra: Any) -> Any:
    page = client.get(_url(person, interview, section))
    version = page.context["form"].initial["version"]
    data = {**ANSWERS[section], "version": version, **extra}
    return client.post(_url(person, interview, section), data)


def _statuses(client: Client, person: Person, interview: Interview) -> dict[str, str]:
    page = client.get(reverse("casework:interview", args=[person.pk, interview.pk]))
    assert page.status_code == 200
    items = page.context["task_list"]["items"]
    return {
        item["title"]["text"]: item["status"].get("text") or item["status"]["tag"]["text"]
        for item in items
    }


def test_task_list_shows_not_started_in_progress_and_completed(
    com: User, person: Person, client_for: Callable[[User], Client]
) -> None:
    client = client_for(com)
    interview = _start(client, person)
    titles = {s.key: s.title for s in questions.SECTIONS}
    assert set(_statuses(client, person, interview).values()) == {"Not started"}

    _post(client, person, interview, "opening")
    _post(client, person, interview, "offending", later="1", why="")

    statuses = _statuses(client, person, interview)
    assert statuses[titles["opening"]] == "Completed"
    assert statuses[titles["offending"]] == "In progress"
    assert statuses[titles["victims"]] == "Not started"


def test_save_and_continue_goes_on_and_each_section_is_audited_as_it_is_left(
    com: User, person: Person, client_for: Callable[[User], Client]
) -> None:
    client = client_for(com)
    interview = _start(client, person)
    keys = [s.key for s in questions.SECTIONS]
    for index, key in enumerate(keys):
        response = _post(client, person, interview, key)
        assert response.status_code == 302, response.content.decode()[:2000]
        following = (
            _url(person, interview, keys[index + 1])
            if index + 1 < len(keys)
            else reverse("casework:interview-check", args=[person.pk, interview.pk])
        )
        assert response["Location"] == following
    events = AuditEvent.objects.filter(
        record_type=RecordType.INTERVIEW_SECTION, operation=Operation.COLLECTION
    )
    assert events.count() == len(keys)
    assert all(event.user_id == com.pk and event.person_id == person.pk for event in events)


def test_missing_required_answers_get_errors_and_what_was_typed_is_kept(
    com: User, person: Person, client_for: Callable[[User], Client]
) -> None:
    client = client_for(com)
    interview = _start(client, person)
    response = _post(client, person, interview, "offending", why="")
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body and "Enter why they think it happened" in body
    assert ANSWERS["offending"]["view_of_offending"].replace("'", "&#x27;") in body
    assert not InterviewAnswer.objects.exists()


def test_text_over_20000_characters_is_refused_and_kept(
    com: User, person: Person, client_for: Callable[[User], Client]
) -> None:
    client = client_for(com)
    interview = _start(client, person)
    long_text = "x" * 20_001
    response = _post(client, person, interview, "supervision", attitude=long_text)
    body = response.content.decode()
    assert "must be 20,000 characters or fewer" in body
    assert long_text in body
    assert 'data-module="govuk-character-count"' in body
    assert not InterviewAnswer.objects.exists()


def test_a_future_date_for_a_past_event_is_refused(
    com: User, person: Person, client_for: Callable[[User], Client]
) -> None:
    client = client_for(com)
    interview = _start(client, person)
    tomorrow = clock.today() + timedelta(days=1)
    response = _post(
        client,
        person,
        interview,
        "behaviour",
        happened="yes",
        what="Shouted at me",
        when_day=str(tomorrow.day),
        when_month=str(tomorrow.month),
        when_year=str(tomorrow.year),
    )
    body = response.content.decode()
    assert "The date must be today or in the past" in body
    assert "Shouted at me" in body
    assert not InterviewAnswer.objects.exists()


def test_a_stale_save_is_refused_with_the_text_kept(
    com: User, pom: User, person: Person, client_for: Callable[[User], Client]
) -> None:
    first, second = client_for(com), client_for(pom)
    interview = _start(first, person)
    url = _url(person, interview, "supervision")
    loaded = first.get(url).context["form"].initial["version"]
    second.post(url, {"attitude": "Saved by the POM first", "version": loaded})

    response = first.post(url, {"attitude": "Typed by the COM meanwhile", "version": loaded})

    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this section" in body
    assert "Typed by the COM meanwhile" in body  # the user's text, kept in the form
    assert "Saved by the POM first" in body  # what the other person saved, shown
    answer = InterviewAnswer.objects.get(section="supervision")
    assert answer.value == "Saved by the POM first"
    again = first.post(url, {"attitude": "Typed by the COM meanwhile", "version": loaded + 1})
    assert again.status_code == 302


def test_resumed_days_later_by_another_allocated_officer(
    com: User, pom: User, person: Person, client_for: Callable[[User], Client]
) -> None:
    interview = _start(client_for(com), person)
    _post(client_for(com), person, interview, "offending", later="1", why="")
    clock.advance(timedelta(days=3))

    client = client_for(pom)
    page = client.get(_url(person, interview, "offending"))
    form = page.context["form"]
    assert "view_of_offending" not in form.fields  # written on an earlier day: amend it
    assert "why" in form.fields  # not answered yet: still to fill in
    assert "Add an amendment" in page.content.decode()
    response = client.post(
        _url(person, interview, "offending"),
        {"why": "Debt, mostly.", "version": form.initial["version"]},
    )
    assert response.status_code == 302
    why = InterviewAnswer.objects.get(field="why")
    assert why.created_by == pom and why.obtained_on == clock.today()
    first = InterviewAnswer.objects.get(field="view_of_offending")
    assert first.obtained_on == clock.today() - timedelta(days=3)


def test_an_amendment_after_the_day_never_changes_the_original(
    com: User, person: Person, client_for: Callable[[User], Client]
) -> None:
    client = client_for(com)
    interview = _start(client, person)
    _post(client, person, interview, "supervision")
    answer = InterviewAnswer.objects.get(section="supervision")
    clock.advance(timedelta(days=1))
    client = client_for(com)  # signed in again the next day

    # The form no longer offers it; a hand-made post cannot change it either.
    url = _url(person, interview, "supervision")
    version = client.get(url).context["form"].initial["version"]
    client.post(url, {"attitude": "Changed over the top", "version": version})
    amend = reverse("casework:interview-amend", args=[person.pk, interview.pk, answer.pk])
    response = client.post(
        amend, {"text": "Later said he finds the curfew hard", "reason": "Told me"}
    )

    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.value == ANSWERS["supervision"]["attitude"] and answer.version == 1
    amendment = Amendment.objects.get()
    assert amendment.record_type == RecordType.INTERVIEW_ANSWER
    assert amendment.record_id == str(answer.pk) and amendment.created_by == com
    page = client.get(url).content.decode()
    assert ANSWERS["supervision"]["attitude"].replace("'", "&#x27;") in page
    assert "Later said he finds the curfew hard" in page


def test_every_answer_has_a_source(
    com: User, person: Person, client_for: Callable[[User], Client]
) -> None:
    client = client_for(com)
    interview = _start(client, person)
    for section in questions.SECTIONS:
        _post(client, person, interview, section.key)
    answers = InterviewAnswer.objects.filter(interview=interview)
    assert answers.exists()
    for answer in answers:
        assert answer.obtained_on == clock.today()
        if answer.section == questions.OBSERVATIONS:
            assert answer.source_kind == SourceKind.COLLEAGUE
            assert answer.source_name == com.full_name and answer.source_role
        else:
            assert answer.source_kind == SourceKind.PERSON


def _complete(client: Client, person: Person) -> Interview:
    interview = _start(client, person)
    for section in questions.SECTIONS:
        _post(client, person, interview, section.key)
    check = reverse("casework:interview-check", args=[person.pk, interview.pk])
    assert client.post(check).status_code == 302
    interview.refresh_from_db()
    assert interview.submitted_at is not None
    return interview


def test_summary_agreed_with_a_correction_kept_beside_it_and_the_persons_copy(
    com: User, person: Person, client_for: Callable[[User], Client]
) -> None:
    client = client_for(com)
    interview = _complete(client, person)
    url = reverse("casework:interview-summary", args=[person.pk, interview.pk])
    page = client.get(url).content.decode()
    assert "Stay with my sister and sign up for college." in page

    today = clock.today()
    response = client.post(
        url,
        {
            "response": "corrected",
            "correction": "It is my brother, not my sister.",
            "response_on_day": today.day,
            "response_on_month": today.month,
            "response_on_year": today.year,
        },
    )

    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.response == "corrected" and interview.response_on == today
    assert "Stay with my sister" in interview.summary_text  # the original, not changed
    correction = Amendment.objects.get(record_type=RecordType.INTERVIEW)
    assert correction.text == "It is my brother, not my sister."
    page = client.get(url).content.decode()
    assert "It is my brother, not my sister." in page and "Stay with my sister" in page
    pdf = client.get(reverse("casework:interview-copy", args=[person.pk, interview.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        record_type=RecordType.INTERVIEW, operation=Operation.DISCLOSURE
    ).exists()
    # Closed: every answer is now read only, amendments only.
    section = client.get(_url(person, interview, "supervision"))
    assert b"Save and continue" not in section.content


def test_a_correction_is_needed_when_they_did_not_agree(
    com: User, person: Person, client_for: Callable[[User], Client]
) -> None:
    client = client_for(com)
    interview = _complete(client, person)
    url = reverse("casework:interview-summary", args=[person.pk, interview.pk])
    today = clock.today()
    response = client.post(
        url,
        {
            "response": "disagreed",
            "response_on_day": today.day,
            "response_on_month": today.month,
            "response_on_year": today.year,
        },
    )
    assert b"Enter what they wanted corrected" in response.content
    interview.refresh_from_db()
    assert not interview.closed


def test_the_team_reads_but_only_allocated_staff_write(
    com: User,
    person: Person,
    make_user: Callable[..., User],
    client_for: Callable[[User], Client],
) -> None:
    interview = _start(client_for(com), person)
    colleague = client_for(make_user(Role.COM, "team"))
    url = _url(person, interview, "supervision")
    page = colleague.get(url)
    assert page.status_code == 200 and b"Save and continue" not in page.content
    assert colleague.post(url, {"attitude": "Not mine to write", "version": 0}).status_code == 403
    assert not InterviewAnswer.objects.exists()


def test_who_will_see_names_the_staff_team_and_partners_sharing_the_interview(
    com: User, pom: User, person: Person, organisations: Any
) -> None:
    share(person, com, organisations["partner"], ["identity"])
    audience = queries.who_will_see(person)
    assert {s.name for s in audience.staff} == {com.full_name, pom.full_name}
    assert audience.partners == ()
    share(person, com, organisations["partner"], ["identity", "interview"])
    assert queries.who_will_see(person).partners == (organisations["partner"].name,)
