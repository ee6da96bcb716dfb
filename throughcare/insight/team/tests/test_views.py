"""The team view (issue 16 point 1): who sees it and of whom, what each section shows, the
lists behind every figure, the audit of each person shown, and landing on it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import AccessRestriction, Role, User
from throughcare.audit.models import AuditEvent, Operation, RecordType
from throughcare.core import clock
from throughcare.people.models import Person
from throughcare.planning.release import services as release_services
from throughcare.planning.release.models import Readiness
from throughcare.planning.release.tests import helpers as release
from throughcare.planning.resettlement.tests import helpers as plan
from throughcare.planning.running import services as running
from throughcare.planning.running.tests import helpers as events

from . import helpers

pytestmark = pytest.mark.django_db
People = Callable[..., Person]
Users = Callable[..., User]
Clients = Callable[[User], Client]
TEAM = reverse("insight_team:view")


def _page(client: Client, show: str = "") -> str:
    response = client.get(TEAM, {"show": show} if show else {})
    assert response.status_code == 200
    return response.content.decode()


def _table(body: str, testid: str) -> str:
    found = re.search(rf'<table[^>]*data-testid="{testid}".*?</table>', body, re.S)
    assert found, f"no table {testid}"
    return found.group(0)


def _text(html: str) -> str:
    shown = re.sub(r'<span class="govuk-visually-hidden">.*?</span>', "", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", shown)).strip()


def _row(table: str, heading: str) -> list[str]:
    """The text of each cell of the row headed `heading` (visually hidden words left out)."""
    for row in re.findall(r"<tr.*?</tr>", table, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        texts = [_text(cell) for cell in cells]
        if texts and texts[0] == heading:
            return texts[1:]
    raise AssertionError(f"no row {heading!r}")


@pytest.fixture
def spo(make_user: Users) -> User:
    return make_user(Role.SPO, "team")


def test_the_senior_probation_officer_sees_the_team_a_com_their_own_and_others_are_refused(
    com: User, spo: User, make_user: Users, make_person: People, client_for: Clients
) -> None:
    colleague = make_user(Role.COM, "team")
    mine = make_person(release_in_days=5)
    theirs = make_person(release_in_days=6, com=colleague)
    elsewhere = make_person(release_in_days=7, com=make_user(Role.COM, "other_team"))
    kept_out = make_person(release_in_days=8)
    AccessRestriction.objects.create(
        person=kept_out, user=com, reason="Known to staff", created_by=com
    )

    team = _page(client_for(spo))
    assert mine.listed_name in team and theirs.listed_name in team
    assert elsewhere.listed_name not in team and kept_out.listed_name not in team
    own = _page(client_for(com))
    assert mine.listed_name in own and kept_out.listed_name in own  # com is on the list
    assert theirs.listed_name not in own and elsewhere.listed_name not in own
    assert "allocated to you" in own and "allocated to your team" in team
    for role, organisation in ((Role.PARTNER, "partner"), (Role.ADMIN, None)):
        refused = client_for(make_user(role, organisation))
        assert refused.get(TEAM).status_code == 403
        assert refused.get(TEAM, {"show": "releasing-2-weeks"}).status_code == 403


def test_a_prison_offender_manager_sees_their_own(
    pom: User, make_user: Users, make_person: People, client_for: Clients
) -> None:
    mine = make_person(release_in_days=5)
    other = make_person(release_in_days=5, pom=make_user(Role.POM, "prison"))
    body = _page(client_for(pom))
    assert mine.listed_name in body and other.listed_name not in body


def test_readiness_of_the_people_releasing_soon(
    com: User, pom: User, spo: User, make_person: People, client_for: Clients
) -> None:
    nothing = make_person(release_in_days=5)  # no checklist, no plan, not marked ready
    ready = make_person(release_in_days=10)
    release.checklist(pom, ready)
    Readiness.objects.create(person=ready, ready_on=clock.today(), ready_by=pom, created_by=pom)
    partly = make_person(release_in_days=40)
    release.checklist(pom, partly, accommodation_status="not yet", id_status="not needed")
    housing = plan.goal(pom, partly)
    plan.step(pom, housing, due_date=clock.today())
    plan.goal(pom, partly, pathway="health", area_of_need="emotional", title="See a GP")
    released = make_person(release_in_days=3)
    release.release(com, released)
    later = make_person(release_in_days=12 * 7 + 2)
    clock.set_now(clock.now() + timedelta(days=1))  # the step is overdue now

    body = _page(client_for(spo))
    readiness = _table(body, "readiness")
    assert _row(readiness, "Releasing") == ["2", "3"]
    assert _row(readiness, "Not marked ready for release") == ["1", "2"]
    assert _row(readiness, "Somewhere to live that night: not in place") == ["1", "2"]
    assert _row(readiness, "ID: not in place") == ["1", "1"]  # not needed counts as done
    assert _row(readiness, "No resettlement plan") == ["2", "2"]
    assert _row(readiness, "Accommodation: a step overdue") == ["0", "1"]
    assert _row(readiness, "Health: a step overdue") == ["0", "0"]
    assert "Finance and ID: a step overdue" not in readiness  # nobody has a goal on it

    soon, rest = _table(body, "releasing-soon"), _table(body, "releasing-later")
    assert nothing.listed_name in soon and ready.listed_name in soon
    assert partly.listed_name in rest and partly.listed_name not in soon
    assert released.listed_name not in body and later.listed_name not in body
    assert (
        "0 of 7 in place or not needed" in soon
        and "Somewhere to live that night: not started" in soon
    )
    assert "All 7 in place" in soon and "No resettlement plan" in soon
    assert "6 of 7 in place or not needed" in rest
    assert "Somewhere to live that night: not yet" in rest
    assert "Accommodation: a step overdue" in rest and "Health: on track" in rest

    summary = re.search(r'data-testid="summary">(.*?)</ul>', body, re.S)
    assert summary
    lines = summary.group(1)
    words = "1 releasing in the next 2 weeks without somewhere to live"
    link = f'href="{TEAM}?show=no-accommodation-2-weeks">{words}</a>'
    assert link in lines
    assert "3 releasing in the next 12 weeks" in lines
    assert "2 releasing in the next 2 weeks</a>" in lines
    assert "1 releasing in the next 2 weeks without ID" in lines
    assert "1 releasing in the next 2 weeks not marked ready for release" in lines
    assert "with a step overdue" not in lines  # nothing releasing soon is behind
    assert "urgent concern" not in lines  # nothing to act on: not said


def test_every_figure_lists_the_people_behind_it(
    pom: User, spo: User, make_person: People, client_for: Clients
) -> None:
    homeless = make_person(release_in_days=5)
    housed = make_person(release_in_days=6)
    release.checklist(pom, housed)
    client = client_for(spo)
    body = _page(client)
    assert f'href="{TEAM}?show=no-accommodation-2-weeks"' in body
    listed = _page(client, "no-accommodation-2-weeks")
    assert "People releasing in the next 2 weeks without somewhere to live" in listed
    people = _table(listed, "people")
    assert homeless.listed_name in people and housed.listed_name not in people
    assert reverse("record:overview", args=[homeless.pk]) in people
    everyone = _table(_page(client, "releasing-2-weeks"), "people")
    assert homeless.listed_name in everyone and housed.listed_name in everyone
    assert client.get(TEAM, {"show": "nobody-in-particular"}).status_code == 404


def test_what_there_is_to_act_on(
    com: User, pom: User, spo: User, make_user: Users, make_person: People, client_for: Clients
) -> None:
    concern = make_person(release_in_days=300)
    events.urgent_concern(com, concern)
    asked = make_person(release_in_days=300)
    helpers.overdue_request(com, make_user(Role.COM, "team"), asked)
    assessed = make_person(release_in_days=300)
    helpers.awaiting_countersignature(com, assessed)
    late = make_person(release_in_days=30)  # handover due 4.5 months before release: past
    due = make_person(release_in_days=4 * 30 + 15 + 20)  # due in about 3 weeks
    handed = make_person(release_in_days=30)
    release.handover(pom, handed)
    release_services.accept_handover(user=com, person=handed)
    reviewed = make_person(release_in_days=300)
    running.schedule_review(user=com, person=reviewed, due_on=clock.today(), reason="scheduled")

    client = client_for(spo)
    body = _page(client)
    assert f'href="{TEAM}?show=urgent-concerns">1 person with an open urgent concern</a>' in body
    assert "2 people whose plan review is due</a>" in body
    actions = _table(body, "actions")
    assert _row(actions, "Open urgent concerns") == ["1"]
    assert _row(actions, "Overdue information requests") == ["1"]
    assert _row(actions, "Assessments awaiting countersignature") == ["1"]
    # An urgent concern makes a review of the plan due too (planning.running).
    assert _row(actions, "Plan reviews due") == ["2"]
    assert _row(actions, "Handovers late") == ["1"]  # the accepted handover is done
    assert _row(actions, "Handovers due in the next 4 weeks") == ["1"]
    expected = {
        "urgent-concerns": concern,
        "overdue-requests": asked,
        "countersignature": assessed,
        "review-due": reviewed,
        "handover-late": late,
        "handover-due": due,
    }
    for show, person in expected.items():
        listed = _table(_page(client, show), "people")
        assert person.listed_name in listed, show
        others = [p for p in expected.values() if p != person and p.listed_name in listed]
        if show == "review-due":
            assert others == [concern]
        else:
            assert not others, (show, others)
    assert "Due " in _table(_page(client, "handover-due"), "people")
    assert handed.listed_name not in _page(client, "handover-late")


def test_each_person_shown_is_a_consultation(
    com: User, spo: User, make_person: People, client_for: Clients
) -> None:
    soon = make_person(release_in_days=5)
    later = make_person(release_in_days=40)
    not_shown = make_person(release_in_days=200)
    client = client_for(spo)
    _page(client)

    def consulted() -> set[object]:
        return set(
            AuditEvent.objects.filter(
                user=spo, operation=Operation.CONSULTATION, record_type=RecordType.TEAM_VIEW
            ).values_list("person_id", flat=True)
        )

    assert consulted() == {soon.pk, later.pk}
    _page(client, "no-accommodation-2-weeks")
    assert not_shown.pk not in consulted()
    assert (
        AuditEvent.objects.filter(
            user=spo, record_type=RecordType.TEAM_VIEW, person_id=soon.pk
        ).count()
        == 2
    )
    assert (
        AuditEvent.objects.filter(
            user=spo, record_type=RecordType.TEAM_VIEW, person_id=later.pk
        ).count()
        == 1
    )


def test_a_senior_probation_officer_lands_on_the_team_view_with_the_caseload_a_click_away(
    com: User, spo: User, make_user: Users, client_for: Clients
) -> None:
    home = reverse("caseload:home")
    caseload = reverse("caseload:caseload")
    lead = client_for(spo)
    landed = lead.get(home)  # the team view, served at `/`
    assert landed.status_code == 200 and 'data-testid="team-subnav"' in landed.content.decode()
    assert lead.get(caseload).status_code == 200
    body = _page(lead)
    navigation = re.search(r"<nav[^>]*govuk-service-navigation.*?</nav>", body, re.S)
    assert navigation
    links = re.findall(r'href="([^"]+)"', navigation.group(0))
    assert links[0] == TEAM and caseload in links
    assert 'data-testid="team-subnav"' in body  # the team's figures are theirs to see
    assert "My caseload –" in client_for(com).get(home).content.decode()
    officer = client_for(com).get(caseload).content.decode()
    assert f'href="{TEAM}"' in officer
    assert 'data-testid="team-subnav"' not in _page(client_for(com))
    partner = client_for(make_user(Role.PARTNER, "partner"))
    assert "Shared with you" in partner.get(home).content.decode()
    assert f'href="{TEAM}"' not in partner.get(caseload).content.decode()
