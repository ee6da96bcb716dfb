"""The access rules, page by page: break-glass, limited access, partner sharing, field level."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from conftest import search, share
from throughcare.access import policy, services
from throughcare.access.commands import Exclusion, Restriction
from throughcare.access.models import BreakGlassAccess, Organisation, Role, User
from throughcare.audit.models import AuditEvent, Outcome
from throughcare.casework import services as casework
from throughcare.casework.services import NewCaseNote
from throughcare.core import clock
from throughcare.people import services as people_services
from throughcare.people.commands import NewAlias, NewVictim
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def spo(make_user: Callable[..., User]) -> User:
    return make_user(Role.SPO, "team")


@pytest.fixture
def stranger(make_user: Callable[..., User]) -> User:
    return make_user(Role.COM, "other_team")


def test_break_glass_needs_a_reason_then_opens_for_this_session_and_is_reported(
    client_for: Callable[[User], Client], stranger: User, spo: User, person: Person
) -> None:
    client = client_for(stranger)
    overview = reverse("record:overview", args=[person.pk])
    prompt = reverse("access:break-glass", args=[person.pk])
    assert client.get(overview)["Location"] == prompt
    page = client.get(prompt).content.decode()
    assert "Give a reason to open this record" in page
    refused = client.post(prompt, {"reason": ""})
    assert refused.status_code == 200 and "There is a problem" in refused.content.decode()
    too_short = client.post(prompt, {"reason": "because"})
    assert "at least 10 characters" in too_short.content.decode()
    assert not BreakGlassAccess.objects.exists()

    reason = "Duty officer: he has reported to our office after release"
    assert client.post(prompt, {"reason": reason})["Location"] == overview
    assert client.get(overview).status_code == 200
    event = AuditEvent.objects.filter(person_id=person.pk, user=stranger).last()
    assert event is not None and event.reason == reason and event.outcome == Outcome.ALLOWED

    # The same user in another session is asked again.
    assert client_for(stranger).get(overview)["Location"] == prompt

    report = client_for(spo).get(reverse("oversight:unexpected-access")).content.decode()
    assert reason in report and stranger.full_name in report and person.crn in report


def test_break_glass_does_not_show_sensitive_notes_or_victims(
    client_for: Callable[[User], Client], stranger: User, com: User, person: Person
) -> None:
    casework.add_case_note(
        user=com,
        person=person,
        note=NewCaseNote.from_cleaned(
            {
                "note_type": "contact",
                "occurred_on": clock.today(),
                "text": "Secret X1",
                "sensitive": True,
            }
        ),
    )
    people_services.add_victim(
        user=com,
        person=person,
        victim=NewVictim.from_cleaned({"name": "Vera Victimname", "relationship": "neighbour"}),
    )
    client = client_for(stranger)
    client.post(
        reverse("access:break-glass", args=[person.pk]), {"reason": "Covering the duty desk today"}
    )
    for url in (
        reverse("record:overview", args=[person.pk]),
        reverse("casework:activity", args=[person.pk]),
    ):
        body = client.get(url).content.decode()
        assert "Secret X1" not in body and "Vera Victimname" not in body


def test_only_spos_see_the_unexpected_access_report(
    client_for: Callable[[User], Client], com: User
) -> None:
    assert client_for(com).get(reverse("oversight:unexpected-access")).status_code == 403


@pytest.mark.parametrize(
    ("exclude", "restrict", "allowed"),
    [
        (False, False, True),  # neither list
        (True, False, False),  # excluded
        (False, True, False),  # a restriction list without this user
        (True, True, False),  # excluded and not on the list
    ],
)
def test_limited_access_combinations(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    spo: User,
    com: User,
    pom: User,
    person: Person,
    exclude: bool,
    restrict: bool,
    allowed: bool,
) -> None:
    colleague = make_user(Role.COM, "team")
    if exclude:
        services.exclude_user(
            by=spo, person=person, exclusion=Exclusion(user=colleague, reason="Knows the family")
        )
    if restrict:
        services.restrict_to(
            by=spo, person=person, restriction=Restriction(users=(com, pom), reason="High profile")
        )
    client = client_for(colleague)
    overview = client.get(reverse("record:overview", args=[person.pk]))
    if allowed:
        assert overview.status_code == 200
        assert person.listed_name in search(client, person.family_name).content.decode()
        return
    body = overview.content.decode()
    assert overview.status_code == 403
    assert "This record is restricted" in body and spo.email in body
    assert person.full_name not in body and person.crn not in body
    for text in (person.family_name, person.crn):
        body = search(client, text).content.decode()
        assert person.listed_name not in body and "0 results" in body
    for url in (reverse("caseload:caseload"), reverse("casework:activity", args=[person.pk])):
        body = client.get(url).content.decode()
        assert person.listed_name not in body, url
        assert person.full_name not in body, url
    assert not policy.visible_people(colleague).filter(pk=person.pk).exists()
    assert not policy.findable_people(colleague).filter(pk=person.pk).exists()


def test_a_user_on_the_restriction_list_still_sees_the_record(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    spo: User,
    com: User,
    pom: User,
    person: Person,
) -> None:
    colleague = make_user(Role.COM, "team")
    services.restrict_to(
        by=spo,
        person=person,
        restriction=Restriction(users=(colleague,), reason="High profile", lock_out=(com, pom)),
    )
    assert (
        client_for(colleague).get(reverse("record:overview", args=[person.pk])).status_code == 200
    )
    # The allocated COM was taken off the list on purpose, so is kept out too.
    assert client_for(com).get(reverse("record:overview", args=[person.pk])).status_code == 403


def test_partner_sees_only_shared_people_and_sections(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    organisations: dict[str, Organisation],
    com: User,
    make_person: Callable[..., Person],
) -> None:
    shared = make_person(release_in_days=30, prison_number="D4567EF")
    not_shared = make_person(release_in_days=30)
    partner = make_user(Role.PARTNER, "partner")
    casework.add_case_note(
        user=com,
        person=shared,
        note=NewCaseNote.from_cleaned(
            {"note_type": "contact", "occurred_on": clock.today(), "text": "Plain note P1"}
        ),
    )
    casework.add_case_note(
        user=com,
        person=shared,
        note=NewCaseNote.from_cleaned(
            {
                "note_type": "contact",
                "occurred_on": clock.today(),
                "text": "Withheld W1",
                "withheld_from_partners": True,
            }
        ),
    )
    casework.add_case_note(
        user=com,
        person=shared,
        note=NewCaseNote.from_cleaned(
            {
                "note_type": "contact",
                "occurred_on": clock.today(),
                "text": "Sensitive S1",
                "sensitive": True,
            }
        ),
    )
    people_services.add_victim(
        user=com,
        person=shared,
        victim=NewVictim.from_cleaned({"name": "Vera Victimname", "relationship": "ex-partner"}),
    )
    agreement = share(shared, com, organisations["partner"], ["identity"])
    client = client_for(partner)

    overview = client.get(reverse("record:overview", args=[shared.pk])).content.decode()
    assert shared.full_name in overview and "D4567EF" in overview
    assert "Conditional release date" not in overview  # sentence not shared
    assert "Vera Victimname" not in overview
    assert client.get(reverse("casework:activity", args=[shared.pk])).status_code == 403
    assert client.get(reverse("record:overview", args=[not_shared.pk])).status_code == 404
    caseload = client.get(reverse("caseload:caseload")).content.decode()
    assert not_shared.listed_name not in caseload

    agreement.delete()
    share(shared, com, organisations["partner"], ["identity", "case_notes"])
    activity = client.get(reverse("casework:activity", args=[shared.pk])).content.decode()
    assert "Plain note P1" in activity
    assert "Withheld W1" not in activity and "Sensitive S1" not in activity
    assert "Add a case note" not in activity


def test_ending_or_expiry_of_an_agreement_ends_access_on_the_next_request(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    organisations: dict[str, Organisation],
    com: User,
    person: Person,
) -> None:
    partner = make_user(Role.PARTNER, "partner")
    client = client_for(partner)
    url = reverse("record:overview", args=[person.pk])
    agreement = share(person, com, organisations["partner"], ["identity"])
    assert client.get(url).status_code == 200
    services.end_agreement(by=com, agreement=agreement, reason="Housing found")
    assert client.get(url).status_code == 404
    today = clock.today()
    # Made a month ago, to run until yesterday.
    with clock.fixed_at(clock.now() - timedelta(days=30)):
        share(
            person,
            com,
            organisations["partner"],
            ["identity"],
            start=today - timedelta(days=30),
            end=today - timedelta(days=1),
        )
    assert client.get(url).status_code == 404


def test_another_partners_agreement_gives_no_access(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    organisations: dict[str, Organisation],
    com: User,
    person: Person,
) -> None:
    other = Organisation.objects.create(name="Other Partner", kind=Organisation.Kind.PARTNER)
    share(person, com, other, ["identity"])
    partner = make_user(Role.PARTNER, "partner")
    assert client_for(partner).get(reverse("record:overview", args=[person.pk])).status_code == 404


def test_victims_only_for_allocated_staff_and_their_spo(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    spo: User,
    com: User,
    person: Person,
) -> None:
    people_services.add_victim(
        user=com,
        person=person,
        victim=NewVictim.from_cleaned({"name": "Vera Victimname", "relationship": "neighbour"}),
    )
    url = reverse("record:overview", args=[person.pk])
    assert "Vera Victimname" in client_for(com).get(url).content.decode()
    assert "Vera Victimname" in client_for(spo).get(url).content.decode()
    teammate = make_user(Role.COM, "team")
    body = client_for(teammate).get(url).content.decode()
    assert client_for(teammate).get(url).status_code == 200
    assert "Vera Victimname" not in body


def test_team_may_read_but_not_write(
    client_for: Callable[[User], Client], make_user: Callable[..., User], person: Person
) -> None:
    teammate = client_for(make_user(Role.COM, "team"))
    assert teammate.get(reverse("record:sentence-create", args=[person.pk])).status_code == 403
    today = clock.today()
    response = teammate.post(
        reverse("casework:activity", args=[person.pk]),
        {
            "note_type": "contact",
            "occurred_on_day": today.day,
            "occurred_on_month": today.month,
            "occurred_on_year": today.year,
            "text": "x",
        },
    )
    assert response.status_code == 403


def test_a_partner_sees_no_identity_or_dates_beyond_what_is_shared(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    organisations: dict[str, Organisation],
    com: User,
    make_person: Callable[..., Person],
) -> None:
    person = make_person(release_in_days=30, prison_number="E5678FG")
    share(person, com, organisations["partner"], ["case_notes"])
    partner = client_for(make_user(Role.PARTNER, "partner"))
    for url in (
        reverse("record:overview", args=[person.pk]),
        reverse("casework:activity", args=[person.pk]),
    ):
        body = partner.get(url).content.decode()
        assert person.full_name in body and person.crn in body
        assert "E5678FG" not in body
        assert person.date_of_birth.strftime("%-d %B %Y") not in body
        assert person.release_date is not None
        assert person.release_date.strftime("%-d %B %Y") not in body


def test_other_staff_find_a_person_only_by_name_and_crn(
    client_for: Callable[[User], Client],
    stranger: User,
    com: User,
    make_person: Callable[..., Person],
) -> None:
    person = make_person(
        release_in_days=30,
        family_name="Elsewhereperson",
        prison_number="F6789GH",
        pnc_number="2013/0003456L",
    )
    people_services.add_alias(
        user=com,
        person=person,
        alias=NewAlias.from_cleaned({"given_name": "Kay", "family_name": "Othername"}),
    )
    client = client_for(stranger)
    for text in (person.family_name, person.crn):
        body = search(client, text).content.decode()
        assert person.listed_name in body and "F6789GH" not in body, text
        assert person.date_of_birth.strftime("%-d %B %Y") in body
    for text in ("F6789GH", "2013/0003456L", "Othername"):
        body = search(client, text).content.decode()
        assert person.listed_name not in body and "0 results" in body, text


def test_exclusion_reasons_only_for_the_team_spo_and_whoever_recorded_them(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    spo: User,
    com: User,
    pom: User,
    person: Person,
) -> None:
    colleague = make_user(Role.COM, "team")
    reason = "Lives next door to the family R7"
    exclusion = services.exclude_user(
        by=spo, person=person, exclusion=Exclusion(user=colleague, reason=reason)
    )
    url = reverse("sharing:person", args=[person.pk])
    for manager in (com, pom):  # they manage sharing: they see who, not why
        response = client_for(manager).get(url)
        body = response.content.decode()
        assert response.status_code == 200
        assert colleague.full_name in body and reason not in body
    for reader in (spo, make_user(Role.SPO, "team")):
        assert reason in client_for(reader).get(url).content.decode()
    # Whoever recorded it keeps reading it, whatever their relation now.
    assert policy.Access(spo, person, policy.Relation.ALLOCATED).may_read_reason(exclusion)
    assert not policy.Access(com, person, policy.Relation.ALLOCATED).may_read_reason(exclusion)
    assert policy.Access(com, person, policy.Relation.TEAM_SPO).may_read_reason(exclusion)


@pytest.mark.parametrize("limit", ["exclude", "restrict"])
def test_the_unexpected_access_report_leaves_out_people_kept_from_the_spo(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    stranger: User,
    spo: User,
    com: User,
    pom: User,
    person: Person,
    limit: str,
) -> None:
    reason = "Duty desk: he called in about his hostel R9"
    client = client_for(stranger)
    client.post(reverse("access:break-glass", args=[person.pk]), {"reason": reason})
    kept_out = make_user(Role.SPO, "team")
    if limit == "exclude":
        services.exclude_user(
            by=spo, person=person, exclusion=Exclusion(user=kept_out, reason="Knows him")
        )
    else:
        services.restrict_to(
            by=spo,
            person=person,
            restriction=Restriction(users=(com, spo), reason="High profile", lock_out=(pom,)),
        )
    url = reverse("oversight:unexpected-access")
    assert reason in client_for(spo).get(url).content.decode()
    response = client_for(kept_out).get(url)
    body = response.content.decode()
    assert response.status_code == 200
    for text in (reason, person.full_name, person.crn):
        assert text not in body
    assert not AuditEvent.objects.filter(person_id=person.pk, user=kept_out).exists()


def test_the_break_glass_question_names_the_person_so_it_is_audited(
    client_for: Callable[[User], Client], stranger: User, person: Person
) -> None:
    client = client_for(stranger)
    url = reverse("access:break-glass", args=[person.pk])

    def questions() -> int:
        return AuditEvent.objects.filter(
            user=stranger,
            person_id=person.pk,
            record_type="break-glass question",
            outcome=Outcome.ALLOWED,
        ).count()

    body = client.get(url).content.decode()
    assert person.full_name in body and person.crn in body
    assert questions() == 1
    assert "There is a problem" in client.post(url, {"reason": ""}).content.decode()
    assert questions() == 2
    assert not BreakGlassAccess.objects.exists()
