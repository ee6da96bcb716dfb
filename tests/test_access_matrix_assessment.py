"""The assessment's pages (the Assessment section of the record, and the signed document's
pages for the kind "assessment"), for every relation to the person, and for partners by what
their agreement shares: "rosh_summary" (the levels in the community only), "assessment" (the
full assessment, locked versions only), both, or neither.

The world is the access matrix's (tests/test_access_matrix.py): version 1 of the assessment
locked, with marked text in its answers; version 2 submitted and waiting for the team's SPO,
with other marked text. Nothing a page shows may go beyond what the viewer may read, and no
request here changes the assessment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests import test_access_matrix as matrix
from tests.access_matrix_assessment import ASSESSED, OPEN_ANSWER
from tests.access_matrix_pages import A, R
from tests.test_access_matrix import MATRIX_RELATIONS, _client, person_page_status
from throughcare.access import policy, services
from throughcare.access.commands import ShareRequest
from throughcare.access.models import Organisation, Role, User
from throughcare.assessment.models import Assessment
from throughcare.core import clock
from throughcare.records.models import Comment, Document, Version

world = matrix.world  # the access matrix's world, as a fixture of this module too

FULL = "assessment"
SUMMARY = "rosh_summary"


@dataclass(frozen=True)
class Viewer:
    name: str
    relation: R
    sections: tuple[str, ...] | None = None  # a partner of another organisation sharing these

    @property
    def partner(self) -> bool:
        return self.relation in (R.PARTNER, R.PARTNER_WITH_AGREEMENT)

    @property
    def reads_full(self) -> bool:
        """The full assessment (its locked versions, for a partner)."""
        if not policy.allows(self.relation, A.VIEW):
            return False
        return not self.partner or self.sections is None or FULL in self.sections

    @property
    def reads_summary(self) -> bool:
        return self.reads_full or (
            policy.allows(self.relation, A.VIEW) and SUMMARY in (self.sections or ())
        )


VIEWERS = [Viewer(str(relation), relation) for relation in MATRIX_RELATIONS] + [
    Viewer("partner sharing the assessment only", R.PARTNER_WITH_AGREEMENT, (FULL,)),
    Viewer("partner sharing the summary only", R.PARTNER_WITH_AGREEMENT, (SUMMARY,)),
    Viewer("partner sharing neither", R.PARTNER_WITH_AGREEMENT, ("identity", "sentence")),
]


@dataclass(frozen=True)
class Page:
    name: str
    which: str | None = None  # "locked" or "open": the version it shows
    method: str = "get"
    action: A = A.VIEW
    records: bool = False  # a page of the records app, for the kind "assessment"


PAGES = [
    Page("assessment:overview"),
    Page("assessment:start", method="post", action=A.EDIT),
    *(
        page
        for which in ("locked", "open")
        for page in (
            Page("assessment:version", which),
            Page("assessment:section", which),
            Page("assessment:section", which, method="post", action=A.EDIT),
            Page("assessment:check", which),
            Page("assessment:check", which, method="post", action=A.EDIT),
            Page("assessment:submitted", which),
            Page("records:version", which, records=True),
            Page("records:review", which, action=A.COUNTERSIGN, records=True),
        )
    ),
    Page("records:versions", records=True),
    Page("records:compare", records=True),
]


def _viewer_client(
    world: dict[str, Any], viewer: Viewer, client_for: Any
) -> tuple[Client, Any, User]:
    if viewer.sections is None:
        client, person = _client(world, viewer.relation, client_for)
        return client, person, world["users"][viewer.relation]
    today = clock.today()
    organisation = Organisation.objects.create(
        name=f"Partner {len(viewer.sections)} {viewer.sections[0]}",
        kind=Organisation.Kind.PARTNER,
    )
    user = User.objects.create_user(
        f"{viewer.sections[0]}.partner@test.example",
        "correct-horse-battery",
        full_name="Limited Partner Worker",
        role=Role.PARTNER,
        organisation=organisation,
    )
    services.share_with_partner(
        by=world["users"][R.ALLOCATED],
        person=world["person"],
        share=ShareRequest(
            organisation=organisation,
            purpose="Housing",
            sections=viewer.sections,
            start_date=today - timedelta(days=1),
            end_date=today + timedelta(days=60),
        ),
    )
    return client_for(user), world["person"], user


def _url(page: Page, world: dict[str, Any], person: Any) -> str:
    version = world["assessment"][page.which] if page.which else None
    if page.records:
        kwargs: dict[str, Any] = {"person_id": person.pk, "document_kind": "assessment"}
        if version is not None:
            kwargs["number"] = version.number
        return reverse(page.name, kwargs=kwargs)
    kwargs = {"person_id": person.pk}
    if version is not None:
        kwargs["version_id"] = version.pk
    if page.name == "assessment:section":
        kwargs["section"] = "rosh"
    return reverse(page.name, kwargs=kwargs)


def expected_status(page: Page, viewer: Viewer) -> int:
    gate = person_page_status(page.action, None, viewer.relation)
    if gate != 200 or page.method == "post":
        return gate
    if page.name == "assessment:overview":
        return 200 if viewer.reads_summary else 404
    if not viewer.reads_full:
        # The records app's gate asks for the kind's sharing section: a partner whose
        # agreement does not share it is refused, as on any section not shared.
        return 403 if page.records else 404
    if viewer.partner and not page.records:
        return 404  # the long form is the case team's: partners read the records pages
    if viewer.partner and page.which == "open":
        return 404  # a partner never reads a version before it is locked
    return 200


def _state() -> list[Any]:
    return [
        sorted(map(repr, model.objects.values()))
        for model in (Version, Document, Comment, Assessment)
    ]


@pytest.mark.parametrize("viewer", VIEWERS, ids=lambda viewer: viewer.name)
def test_assessment_pages(world: dict[str, Any], client_for: Any, viewer: Viewer) -> None:
    client, person, _ = _viewer_client(world, viewer, client_for)
    before = _state()
    failures = []
    bodies: dict[tuple[str, str | None], str] = {}
    for page in PAGES:
        url = _url(page, world, person)
        response = getattr(client, page.method)(url)
        status = expected_status(page, viewer)
        wanted = {200, 302} if page.method == "post" and status == 200 else {status}
        label = f"{page.method.upper()} {page.name} ({page.which or '-'})"
        if response.status_code not in wanted:
            failures.append(f"{label}: {response.status_code}, expected {wanted}")
        body = response.content.decode(errors="replace")
        if page.method == "get":
            bodies[(page.name, page.which)] = body
        if ASSESSED in body and not viewer.reads_full:
            failures.append(f"{label}: shows the locked version's answers")
        if OPEN_ANSWER in body and (viewer.partner or not viewer.reads_full):
            failures.append(f"{label}: shows the open version's answers")
    assert not failures, "\n".join(failures)
    assert _state() == before, "opening the pages changed the assessment"
    if viewer.reads_full:
        assert ASSESSED in bodies[("records:version", "locked")]
    if viewer.reads_full and not viewer.partner:
        assert ASSESSED in bodies[("assessment:check", "locked")]
    if viewer.reads_full and not viewer.partner:
        assert OPEN_ANSWER in bodies[("assessment:check", "open")]
        assert OPEN_ANSWER in bodies[("records:version", "open")]
    if viewer.partner and viewer.reads_full:
        versions = bodies[("records:versions", None)]
        assert "/assessment/versions/1/" in versions
        assert "/assessment/versions/2/" not in versions
        assert "awaiting countersignature" not in bodies[("assessment:overview", None)]


def _ogrs3_figure() -> str:
    two_year = Assessment.objects.get().ogrs3_two_year
    assert two_year is not None, "the world's assessment has its OGRS3 worked out"
    return f"{round(two_year * 100)}%"


def test_a_partner_sharing_the_summary_sees_the_levels_in_the_community_only(
    world: dict[str, Any], client_for: Any
) -> None:
    viewer = Viewer("summary only", R.PARTNER_WITH_AGREEMENT, (SUMMARY,))
    client, person, _ = _viewer_client(world, viewer, client_for)
    body = client.get(reverse("assessment:overview", args=[person.pk])).content.decode()
    assert "Risk of serious harm in the community" in body
    assert "High" in body  # the public, in the community
    for hidden in ("In custody", "Very high", "OGRS3", _ogrs3_figure(), ASSESSED, OPEN_ANSWER):
        assert hidden not in body, hidden
    # And the caseload shows no level, band or figure of the person.
    caseload = client.get(reverse("caseload:caseload")).content.decode()
    for hidden in ("Very high", _ogrs3_figure()):
        assert hidden not in caseload, hidden


def test_staff_see_the_whole_current_assessment(world: dict[str, Any], client_for: Any) -> None:
    client, person = _client(world, R.TEAM, client_for)
    body = client.get(reverse("assessment:overview", args=[person.pk])).content.decode()
    for shown in ("In custody", "Very high", "OGRS3", _ogrs3_figure(), "awaiting countersignature"):
        assert shown in body, shown
