"""The access matrix: every URL pattern of the project, found from the URL resolver, for every
relation a user can have to a person, checked against the access policy.

A page of a person's record declares its gate on its view (`access.pages.person_page`): the
matrix reads the action and section from there. Any other page fails this test until its entry
in PAGES says how the policy applies to it; a person page with neither fails too, and a page
whose view forgets the policy fails because its status or body does not match.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from conftest import search
from tests import access_matrix_partners as partners_matrix
from tests import access_matrix_planning as planning_matrix
from tests import access_matrix_release as release_matrix
from tests import access_matrix_resettlement as resettlement_matrix
from tests import access_matrix_riskplan as riskplan_matrix
from tests import access_matrix_running as running_matrix
from tests.access_matrix_assessment import add_assessment
from tests.access_matrix_pages import (
    ADVISER_ONLY,
    ASSESSED,
    CASE_TEAM_WORKSPACE,
    CONCERN,
    EXCLUSION_REASON,
    LOCKED_ONLY_FOR_PARTNERS,
    OPEN_ANSWER,
    PAGES,
    PLAN_READERS_ONLY,
    RECORD,
    SENSITIVE,
    SIGNED,
    SIGNING_NOTE,
    VICTIM,
    WITHHELD,
    A,
    Page,
    R,
    entitled,
    item_for,
    named_patterns,
    page_for,
)
from throughcare.access import policy, services
from throughcare.access.commands import Exclusion, Restriction, ShareRequest
from throughcare.access.models import (
    Organisation,
    Role,
    SharingAgreement,
    User,
)
from throughcare.access.pages import (
    declared_gate,
    declared_referral_gate,
    declared_request_gate,
)
from throughcare.access.request_grant import RequestAction, may_on_request
from throughcare.caseload import landing
from throughcare.casework import services as casework
from throughcare.casework.advice import services as advice_services
from throughcare.casework.concerns import services as concern_services
from throughcare.casework.requests import services as requests
from throughcare.casework.requests.models import RecipientKind, Topic
from throughcare.casework.services import NewCaseNote
from throughcare.core import clock
from throughcare.demo import interviews as demo_interviews
from throughcare.imports.models import ImportJob
from throughcare.people import services as people_services
from throughcare.people.commands import NewAlias, NewPerson, NewSentence, NewVictim
from throughcare.people.models import Person
from throughcare.records import services as records
from throughcare.records.tests import sample_kind
from throughcare.rules.times import LONDON


@pytest.fixture
def world(
    db: None, organisations: dict[str, Organisation], make_user: Any, com: User, pom: User
) -> dict[str, Any]:
    """One person with a victim, a sensitive note and a note withheld from partners, and a
    user in every relation to them."""
    today = clock.today()
    person = people_services.create_person(
        user=com,
        details=NewPerson(
            given_name="Matrix",
            family_name="Subject",
            date_of_birth=today.replace(year=today.year - 30),
            sex="male",
            prison_number=RECORD,
            pnc_number="2016/0007654P",
            pom=pom,
            com=com,
        ),
    )
    sentence = people_services.add_sentence(
        user=com,
        person=person,
        sentence=NewSentence.from_cleaned(
            {
                "sentence_type": "sds",
                "sentence_date": today - timedelta(days=300),
                "crd": today + timedelta(days=30),
                "sed": today + timedelta(days=400),
            }
        ),
    )
    note = casework.add_case_note(
        user=com,
        person=person,
        note=NewCaseNote.from_cleaned(
            {"note_type": "contact", "occurred_on": today, "text": SENSITIVE, "sensitive": True}
        ),
    )
    casework.add_case_note(
        user=com,
        person=person,
        note=NewCaseNote.from_cleaned(
            {
                "note_type": "contact",
                "occurred_on": today,
                "text": WITHHELD,
                "withheld_from_partners": True,
            }
        ),
    )
    people_services.add_victim(
        user=com,
        person=person,
        victim=NewVictim.from_cleaned({"name": VICTIM, "relationship": "neighbour"}),
    )
    people_services.add_alias(
        user=com,
        person=person,
        alias=NewAlias.from_cleaned({"given_name": "Mat", "family_name": "Knownasmatrix"}),
    )
    interview = demo_interviews.complete(policy.Access(com, person, R.ALLOCATED))
    spo = make_user(Role.SPO, "team")
    partner = make_user(Role.PARTNER, "partner")
    agreement = services.share_with_partner(
        by=com,
        person=person,
        share=ShareRequest(
            organisation=organisations["partner"],
            purpose="Housing",
            sections=tuple(s.value for s in SharingAgreement.Section),
            start_date=today - timedelta(days=1),
            end_date=today + timedelta(days=60),
        ),
    )
    other_partner_org = Organisation.objects.create(
        name="Unrelated Partner", kind=Organisation.Kind.PARTNER
    )
    excluded = make_user(Role.COM, "team")
    services.exclude_user(
        by=spo, person=person, exclusion=Exclusion(user=excluded, reason=EXCLUSION_REASON)
    )

    # A second person with a restriction list naming only their own COM.
    restricted = people_services.create_person(
        user=com,
        details=NewPerson(
            given_name="Listed",
            family_name="Only",
            date_of_birth=today.replace(year=today.year - 40),
            sex="female",
            prison_number="L1234MN",
            pnc_number="2011/0001111R",
            pom=pom,
            com=com,
        ),
    )
    people_services.add_alias(
        user=com,
        person=restricted,
        alias=NewAlias.from_cleaned({"given_name": "Lis", "family_name": "Knownaslisted"}),
    )
    services.restrict_to(
        by=spo,
        person=restricted,
        restriction=Restriction(users=(com,), reason="High profile", lock_out=(pom,)),
    )

    # An open information request about the person, to a colleague outside the case team.
    recipient = make_user(Role.COM, "other_team")
    info_request = requests.send_request(
        user=com,
        access=policy.Access(com, person, policy.relation(com, person)),
        new=requests.NewRequest(
            recipient_kind=RecipientKind.COLLEAGUE,
            colleague=recipient,
            purpose="Planning release",
            topics=tuple(Topic.values),
            due_on=today + timedelta(days=7),
        ),
    )
    # An open urgent concern and a request for advice asked of the team's SPO: the only user
    # who may answer it (ADVISER_ONLY below).
    now = clock.now().astimezone(LONDON)
    concern = concern_services.record_concern(
        user=com,
        person=person,
        concern=concern_services.NewConcern(
            concern_type="harm to a child",
            account=CONCERN,
            occurred_on=now.date(),
            occurred_time=now.time().replace(second=0, microsecond=0),
            source_kind="person",
        ),
    )
    asked = advice_services.ask(
        user=com,
        person=person,
        request=advice_services.NewAdviceRequest("safeguarding", CONCERN, spo),
    )

    # A signed document of the sample kind (read with VIEW): version 1 locked, version 2
    # submitted and waiting for the team's SPO to countersign it.
    first = records.start(com, person, sample_kind.KEY)
    records.save_section(com, first, "about", {"summary": SIGNED}, expected=0, complete=True)
    records.submit(com, first, countersignature_reason="")
    second = records.reassess(com, first.document)
    records.save_section(com, second, "about", {"summary": "Second"}, expected=1, complete=True)
    records.submit(com, second, countersignature_reason="High", note=SIGNING_NOTE)
    records.return_for_changes(spo, second, SIGNING_NOTE)
    records.submit(com, second, countersignature_reason="High", note=SIGNING_NOTE)
    # The assessment: version 1 locked, version 2 waiting for the SPO's countersignature.
    assessment = add_assessment(com, spo, person, sentence)

    users = {
        R.ALLOCATED: com,
        R.TEAM_SPO: spo,
        R.TEAM: make_user(Role.COM, "team"),
        R.OTHER_STAFF: make_user(Role.COM, "other_team"),
        R.BREAK_GLASS: make_user(Role.POM, "other_team"),
        R.EXCLUDED: excluded,
        R.NOT_ON_RESTRICTION_LIST: make_user(Role.COM, "team"),
        R.PARTNER_WITH_AGREEMENT: partner,
        R.PARTNER: User.objects.create_user(
            "partner.other@test.example",
            "correct-horse-battery",
            full_name="Other Partner Worker",
            role=Role.PARTNER,
            organisation=other_partner_org,
        ),
        R.ADMINISTRATOR: make_user(Role.ADMIN, None),
    }
    import_job = ImportJob.objects.create(
        created_by=users[R.ADMINISTRATOR], filename="people.csv", file_format="csv"
    )
    return {
        # Release planning (issue 11): an option, a barrier, a restriction, victim liaison.
        **planning_matrix.plant(com, person, VICTIM),
        # The resettlement plan (issue 12 point 1), by its owner, the POM; signed, with the
        # partner's part (point 8).
        **resettlement_matrix.plant(pom, person, spo, organisations["partner"]),
        # Ready for release, the day of release and the handover (issue 12).
        **release_matrix.plant(pom, person),
        # The risk management plan (issue 12): an action and a licence condition, by its owner;
        # signed, with the partner's part (point 8).
        **riskplan_matrix.plant(pom, person, spo, organisations["partner"]),
        # Alerting the organisations affected (issue 11 point 6): a referral to the partner.
        **partners_matrix.plant(com, person, organisations["partner"]),
        # Running the plan (issue 12 point 7): a review, a setback, an escalation, a recommendation.
        **running_matrix.plant(com, person),
        "import_job": import_job,
        "person": person,
        "restricted": restricted,
        "sentence": sentence,
        "note": note,
        "agreement": agreement,
        "interview": interview,
        "request": info_request,
        "recipient": recipient,
        "concern": concern,
        "advice": asked,
        "document_version": second,
        "assessment": assessment,
        "users": users,
        "pom": pom,
    }


def _client(world: dict[str, Any], relation: R, client_for: Any) -> tuple[Client, Person]:
    user = world["users"][relation]
    client = client_for(user)
    person = world["restricted"] if relation == R.NOT_ON_RESTRICTION_LIST else world["person"]
    if relation == R.BREAK_GLASS:
        response = client.post(
            reverse("access:break-glass", args=[person.pk]),
            {"reason": "Covering the duty desk for the matrix test"},
        )
        assert response.status_code == 302
    assert policy.relation(user, person, client.session.session_key) == relation
    return client, person


def _kwargs(pattern: URLPattern, world: dict[str, Any], person: Person) -> dict[str, Any]:
    values = {
        "person_id": person.pk,
        "sentence_id": world["sentence"].pk if person == world["person"] else 0,
        "note_id": world["note"].pk,
        "user_id": world["users"][R.ALLOCATED].pk,
        "agreement_id": world["agreement"].pk,
        "request_id": world["request"].pk,
        "concern_id": world["concern"].pk,
        "advice_id": world["advice"].pk,
        "kind": "exclude",
        "token": "not-an-invitation",
        "interview_id": world["interview"].pk if person == world["person"] else 0,
        "answer_id": world["interview"].answers.first().pk,
        "section": "rosh" if "/assessment/" in str(pattern.pattern) else "opening",
        "version_id": world["assessment"]["locked"].pk,
        "job_id": world["import_job"].pk,
        "document_kind": sample_kind.KEY,
        "number": world["document_version"].number,
        **planning_matrix.kwargs(world),
        **resettlement_matrix.kwargs(world),
        **release_matrix.kwargs(world),
        **riskplan_matrix.kwargs(world),
        **partners_matrix.kwargs(world),
        **running_matrix.kwargs(world),
    }
    names = list(pattern.pattern.converters) if hasattr(pattern.pattern, "converters") else []
    missing = [name for name in names if name not in values]
    assert not missing, f"{pattern}: the matrix test does not know how to fill {missing}"
    return {name: values[name] for name in names}


def request_page_status(action: RequestAction, user: User, request: Any) -> int:
    """The request grant: the page, or a 404 (never a hint that the request exists)."""
    request.refresh_from_db()
    return 200 if may_on_request(user, request, action) else 404


# The pages whose answer is the same for everyone signed in.
FIXED_STATUS = {
    "public": 302,  # signed-in users are sent on from the sign-in page
    "sign-out": 405,  # signing out takes a POST
    "invitation": 404,  # without an invitation opened in this browser, it does not work
    "any": 200,
}


def expected_status(page: Page, relation: R, user: User, request: Any = None) -> int:
    if page.referral_action is not None:
        return partners_matrix.status(page.referral_action, user, request)
    if page.request_action is not None:
        assert request is not None
        return request_page_status(page.request_action, user, request)
    if page.special in FIXED_STATUS:
        return FIXED_STATUS[page.special]
    if page.special == "home":  # the user's landing page, served at `/` by its own view
        return expected_status(PAGES[landing.home_for(user)], relation, user)
    if page.user_action is not None:
        return 200 if policy.may(user, page.user_action) else 403
    if page.special == "post-only":
        return 302  # sent back to the page its form is on, which applies the policy
    if page.special == "break-glass":
        if relation in (R.OTHER_STAFF,):
            return 200
        if policy.allows(relation, A.VIEW):
            return 302  # already allowed in: sent on to the record
        return 404
    assert page.action is not None
    return person_page_status(page.action, page.section, relation)


def person_page_status(action: A, section: str | None, relation: R) -> int:
    if relation in (R.EXCLUDED, R.NOT_ON_RESTRICTION_LIST):
        return 403
    if policy.allows(relation, action):
        return 200
    if relation == R.OTHER_STAFF and action == A.VIEW:
        return 302
    if policy.allows(relation, A.VIEW):
        return 403
    return 404


MATRIX_RELATIONS = [r for r in R if r != R.NONE]


def _post_failures(
    client: Client, name: str, url: str, page: Page, relation: R, world: dict[str, Any]
) -> list[str]:
    """An empty POST to a form-only page, or to a page whose form needs more than seeing it:
    allowed, it is done and redirected or (the post being empty) the form is shown again."""
    if page.referral_post_action is not None:
        user = world["users"].get(relation, world["recipient"])
        expected = partners_matrix.status(page.referral_post_action, user, item_for(page, world))
        response = client.post(url)
        wanted = {200, 302} if expected == 200 else {expected}
        if response.status_code not in wanted:
            return [f"POST {name}: {response.status_code}, expected {wanted}"]
        return []
    if page.request_post_action is not None:
        user = world["users"].get(relation, world["recipient"])
        expected = request_page_status(page.request_post_action, user, item_for(page, world))
        response = client.post(url)
        wanted = {200, 302} if expected == 200 else {expected}
        if response.status_code not in wanted:
            return [f"POST {name}: {response.status_code}, expected {wanted}"]
        return []
    action = page.action if page.special == "post-only" else page.post_action
    if action is None:
        return []
    response = client.post(url)
    status = person_page_status(action, page.section, relation)
    if status == 200 and name in ADVISER_ONLY and relation != ADVISER_ONLY[name]:
        status = 403
    wanted = {200, 302} if status == 200 else {status}
    if response.status_code not in wanted:
        return [f"POST {name}: {response.status_code}, expected {wanted}"]
    return []


def _converters(pattern: URLPattern) -> dict[str, Any]:
    return dict(getattr(pattern.pattern, "converters", {}))


def _takes_a_person(pattern: URLPattern) -> bool:
    return "person_id" in _converters(pattern)


def test_every_page_is_declared() -> None:
    patterns = {name: p for name, p in named_patterns() if not name.startswith("admin:")}
    gated = {
        name
        for name, p in patterns.items()
        if declared_gate(p.callback) is not None
        or declared_request_gate(p.callback) is not None
        or declared_referral_gate(p.callback) is not None
    }
    assert gated, "person pages declare their gate with access.pages.person_page"
    # A page of one information request goes through the request grant's gate.
    takes_request = {n for n, p in patterns.items() if "request_id" in _converters(p)}
    person_pages = {n for n in takes_request if _takes_a_person(patterns[n])}
    assert {
        n for n in takes_request - person_pages if declared_request_gate(patterns[n].callback)
    } == takes_request - person_pages, "request pages declare their gate (request_page)"
    undeclared = set(patterns) - gated - set(PAGES)
    assert undeclared == set(), "declare how the access policy applies to these pages"
    assert set(PAGES) - set(patterns) == set(), "these declared pages no longer exist"
    assert gated & set(PAGES) == set(), "a gated page's view declares it: not PAGES too"
    # A page of a person's record goes through the gate; only the break-glass question
    # (which asks for the reason the gate needs) takes a person without it.
    ungated = {
        name
        for name, p in patterns.items()
        if _takes_a_person(p) and name not in gated and PAGES[name].special != "break-glass"
    }
    assert ungated == set(), "these person pages must declare their gate (person_page)"


def _narrowed(name: str, status: int, user: User, relation: R) -> int:
    """The pages whose gate lets in more than their content does: a partner reads only locked
    versions and never the case team's workspace (404); the Plan section is for the case team
    and the partners it is shared with, so staff who broke the glass are refused it (403)."""
    if status != 200:
        return status
    partner = user.role == Role.PARTNER
    if partner and name in LOCKED_ONLY_FOR_PARTNERS | CASE_TEAM_WORKSPACE:
        return 404
    if name in PLAN_READERS_ONLY and not partner and not policy.allows(relation, A.VIEW_PLAN):
        return 403
    return status


@pytest.mark.parametrize("relation", MATRIX_RELATIONS, ids=str)
def test_access_matrix(world: dict[str, Any], client_for: Any, relation: R) -> None:
    client, person = _client(world, relation, client_for)
    user = world["users"][relation]
    allowed_values = (
        entitled(relation)
        | planning_matrix.entitled(relation)
        | resettlement_matrix.entitled(relation)
        | running_matrix.entitled(relation)
        | release_matrix.entitled(relation)
        | riskplan_matrix.entitled(relation)
    )
    failures = []
    for name, pattern in named_patterns():
        if name.startswith("admin:"):
            continue
        page = page_for(name, pattern)
        url = reverse(name, kwargs=_kwargs(pattern, world, person))
        if name == "caseload:search":
            response = search(client, person.family_name)
        else:
            response = client.get(url)
        expected = expected_status(page, relation, user, item_for(page, world))
        status = _narrowed(name, expected, user, relation)
        if response.status_code != status:
            failures.append(f"GET {name}: {response.status_code}, expected {status}")
        body = response.content.decode(errors="replace")
        for value in (
            VICTIM,
            SENSITIVE,
            WITHHELD,
            RECORD,
            EXCLUSION_REASON,
            CONCERN,
            SIGNED,
            SIGNING_NOTE,
            ASSESSED,
            OPEN_ANSWER,
            *planning_matrix.VALUES,
            *resettlement_matrix.VALUES,
            *release_matrix.VALUES,
            *riskplan_matrix.VALUES,
            *partners_matrix.VALUES,
            *running_matrix.VALUES,
        ):
            allowed = allowed_values | partners_matrix.entitled(
                relation, name, user, world["referral"]
            )
            if value not in allowed and value in body:
                failures.append(f"GET {name}: shows {value!r}")
        # Even the name: only for those who may see the record or find it by search.
        if not (policy.allows(relation, A.VIEW) or relation == R.OTHER_STAFF):
            for value in (person.full_name, person.listed_name):
                if value in body:
                    failures.append(f"GET {name}: shows the person's name")
        failures += _post_failures(client, name, url, page, relation, world)
    assert not failures, "\n".join(failures)


def test_the_partner_with_the_agreement_sees_their_part_of_the_plan(
    world: dict[str, Any], client_for: Any
) -> None:
    """The other side of the matrix's plan values: what the partner is entitled to is there."""
    client, person = _client(world, R.PARTNER_WITH_AGREEMENT, client_for)
    body = client.get(reverse("planning:plan", args=[person.pk])).content.decode()
    assert resettlement_matrix.PARTNER_PART in body
    assert riskplan_matrix.PARTNER_ACTION in body


@pytest.mark.parametrize("relation", MATRIX_RELATIONS, ids=str)
def test_admin_site_is_for_administrators_only(
    world: dict[str, Any], client_for: Any, relation: R
) -> None:
    user = world["users"][relation]
    response = client_for(user).get(reverse("admin:index"))
    if user.role == Role.ADMIN:
        assert response.status_code == 200
        people_admin = client_for(user).get("/admin/people/person/")
        assert people_admin.status_code == 404  # case records are not in the admin site
    else:
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
