"""The pages of a signed document: versions, one version, what changed, and the review in
which the team's SPO countersigns or returns it; each through the gate with the kind's view
action."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from conftest import share
from throughcare.access.models import Organisation, Role, User
from throughcare.access.policy import Action
from throughcare.audit.models import AuditEvent, Operation, Outcome, RecordType
from throughcare.people.models import Person
from throughcare.records import kinds, services
from throughcare.records.lifecycle import State
from throughcare.records.models import Comment, Version

from .conftest import ABOUT, KEY, reload
from .sample_kind import KIND

pytestmark = pytest.mark.django_db

Clients = Callable[[User], Client]

# A kind read only by those who may read sensitive notes (the case team), and partners only
# where the agreement shares the interview.
STRICT = kinds.register(
    kinds.Kind(
        key="strict-record",
        title="Strict record",
        record_section="assessment",
        rows=KIND.rows,
        view_action=Action.VIEW_SENSITIVE,
        sharing="interview",
    )
)


def _url(page: str, person: Person, kind: str = KEY, **kwargs: int) -> str:
    return reverse(
        f"records:{page}", kwargs={"person_id": person.pk, "document_kind": kind, **kwargs}
    )


def test_the_versions_page_lists_each_version_with_its_state(
    locked: Version, com: User, client_for: Clients
) -> None:
    services.reassess(com, locked.document)
    response = client_for(com).get(_url("versions", locked.person))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Version 1" in body and "Version 2" in body
    assert "Locked" in body and "Draft" in body
    assert _url("version", locked.person, number=2) in body
    assert f"{_url('compare', locked.person)}?to=2" in body
    event = AuditEvent.objects.filter(record_type=RecordType.SIGNED_DOCUMENT_VERSION).last()
    assert event is not None and event.operation == Operation.CONSULTATION


def test_with_no_document_the_versions_page_says_so(
    person: Person, client_for: Clients, com: User
) -> None:
    response = client_for(com).get(_url("versions", person))
    assert "There is no sample record for this person yet" in response.content.decode()


def test_an_unknown_kind_or_version_is_not_found(
    draft: Version, com: User, client_for: Clients
) -> None:
    client = client_for(com)
    assert client.get(f"/people/{draft.person_id}/no-such-kind/versions/").status_code == 404
    assert client.get(_url("version", draft.person, number=9)).status_code == 404


def test_one_version_shows_its_answers_and_to_the_case_team_its_comments(
    submitted: Version, spo: User, com: User, client_for: Clients
) -> None:
    services.return_for_changes(spo, submitted, "Say where the level comes from")
    body = client_for(com).get(_url("version", submitted.person, number=1)).content.decode()
    assert "Settled at home" in body and "Medium" in body
    assert "Returned with comments" in body
    assert "Say where the level comes from" in body
    assert "No police information yet" in body  # the note to the countersigner


def test_compare_shows_only_what_changed_field_by_field(
    locked: Version, com: User, client_for: Clients
) -> None:
    second = services.reassess(com, locked.document)
    services.save_section(
        com, second, "about", {**ABOUT, "level": "high"}, expected=1, complete=True
    )
    services.save_section(com, second, "seen", {"agreed": True}, expected=0, complete=True)
    client = client_for(com)
    body = client.get(_url("compare", locked.person)).content.decode()
    assert "What changed from version 1 to version 2" in body
    assert "Medium" in body and "High" in body  # the level, before and after
    assert "Agreed with it" in body and "Not in this version" in body  # an added answer
    assert "Settled at home" not in body  # unchanged
    same = client.get(_url("compare", locked.person) + "?from=2&to=2").content.decode()
    assert "Nothing changed between these versions" in same
    assert client.get(_url("compare", locked.person) + "?from=7").status_code == 404


def test_compare_with_one_version_has_nothing_to_compare(
    draft: Version, com: User, client_for: Clients
) -> None:
    body = client_for(com).get(_url("compare", draft.person)).content.decode()
    assert "only one version" in body


def test_the_spo_countersigns_from_the_review_page(
    submitted: Version, spo: User, client_for: Clients
) -> None:
    client = client_for(spo)
    review = _url("review", submitted.person, number=1)
    body = client.get(review).content.decode()
    assert "The level is high" in body and "No police information yet" in body
    assert "Countersign" in body and "Return with comments" in body
    response = client.post(review, {"decision": "countersign", "comments": ""})
    assert response.status_code == 302
    assert response["Location"] == _url("version", submitted.person, number=1)
    version = reload(submitted)
    assert (version.state, version.countersigned_by) == (State.LOCKED, spo)
    # A second click: the version no longer waits; back to it, nothing written.
    again = client.post(review, {"decision": "countersign"})
    assert again.status_code == 302 and not Comment.objects.exists()


def test_returning_needs_comments(submitted: Version, spo: User, client_for: Clients) -> None:
    client = client_for(spo)
    review = _url("review", submitted.person, number=1)
    response = client.post(review, {"decision": "return", "comments": " "})
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    assert "Enter your comments: what needs to change, and why" in body
    assert reload(submitted).state == State.SUBMITTED
    neither = client.post(review, {"comments": "Hmm"}).content.decode()
    assert "Choose whether to countersign it or return it with comments" in neither
    client.post(review, {"decision": "return", "comments": "Add the source"})
    assert reload(submitted).state == State.RETURNED
    assert Comment.objects.get().text == "Add the source"


def test_only_the_countersigner_reviews(submitted: Version, com: User, client_for: Clients) -> None:
    review = _url("review", submitted.person, number=1)
    assert client_for(com).get(review).status_code == 403
    assert client_for(com).post(review, {"decision": "countersign"}).status_code == 403
    assert reload(submitted).state == State.SUBMITTED


def test_the_review_page_of_a_version_not_waiting_says_so(
    draft: Version, spo: User, client_for: Clients
) -> None:
    body = client_for(spo).get(_url("review", draft.person, number=1)).content.decode()
    assert "This version is not waiting for a countersignature" in body
    assert 'value="countersign"' not in body


def test_a_kind_read_with_a_stricter_action_refuses_who_lacks_it(
    com: User,
    person: Person,
    client_for: Clients,
    make_user: Callable[..., User],
    organisations: dict[str, Organisation],
) -> None:
    version = services.start(com, person, STRICT.key)
    services.save_section(com, version, "about", ABOUT, expected=0, complete=True)
    partner = make_user(Role.PARTNER, "partner")
    share(person, com, organisations["partner"], ["identity"])
    url = _url("version", person, kind=STRICT.key, number=1)
    assert client_for(com).get(url).status_code == 200
    assert client_for(partner).get(url).status_code == 403
    refused = AuditEvent.objects.filter(outcome=Outcome.REFUSED).last()
    assert refused is not None and refused.user_id == partner.pk
    # The partner sees the default kind, read with VIEW, whose pages need no shared section.
    assert client_for(partner).get(_url("versions", person)).status_code == 200


def test_a_partner_reads_only_the_locked_versions(
    locked: Version,
    com: User,
    make_user: Callable[..., User],
    organisations: dict[str, Organisation],
    client_for: Clients,
) -> None:
    person = locked.person
    services.reassess(com, locked.document)
    share(person, com, organisations["partner"], ["identity"])
    client = client_for(make_user(Role.PARTNER, "partner"))
    listed = client.get(_url("versions", person)).content.decode()
    assert _url("version", person, number=1) in listed
    assert _url("version", person, number=2) not in listed and "Draft" not in listed
    assert client.get(_url("version", person, number=1)).status_code == 200
    assert client.get(_url("version", person, number=2)).status_code == 404
    # Nothing to compare: the draft is not theirs to read.
    compared = client.get(_url("compare", person)).content.decode()
    assert "Version 2" not in compared
    # Staff read both.
    assert client_for(com).get(_url("version", person, number=2)).status_code == 200
