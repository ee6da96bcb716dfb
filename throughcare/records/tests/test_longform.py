"""A version as the long-form frame's draft (`VersionDraft`), and `FormSection.kwargs`."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import RequestFactory

from throughcare.access.models import User
from throughcare.core.errors import Invalid, Stale
from throughcare.people.models import Person
from throughcare.record import longform_pages
from throughcare.record.longform import Draft, Status
from throughcare.records import services
from throughcare.records.diff import Row
from throughcare.records.lifecycle import State
from throughcare.records.longform import VersionDraft, rows
from throughcare.records.models import Version

from .conftest import ABOUT, reload
from .sample_kind import SECTIONS

pytestmark = pytest.mark.django_db


def _draft(version: Version) -> VersionDraft:
    return VersionDraft(reload(version), SECTIONS)


def test_it_is_a_draft_of_the_frame(draft: Version) -> None:
    as_draft: Draft = _draft(draft)
    assert as_draft.pk == draft.pk and as_draft.editable and not as_draft.submitted


def test_sections_load_with_their_version_and_status(draft: Version, com: User) -> None:
    loaded = _draft(draft).loaded("about")
    assert loaded.values == ABOUT
    assert (loaded.version, loaded.status, loaded.saved_by) == (1, Status.COMPLETED, com.full_name)
    assert loaded.saved_at is not None
    empty = _draft(draft).loaded("seen")
    assert (empty.version, empty.status, empty.values) == (0, Status.NOT_STARTED, {})


def test_saving_stores_json_and_a_stale_save_is_refused(draft: Version, com: User) -> None:
    values = {"seen_on": date(2026, 11, 1), "agreed": True, "source": "police"}
    _draft(draft).save(com, "seen", values, version=0, complete=False)
    saved = reload(draft)
    assert saved.content["seen"] == {"seen_on": "2026-11-01", "agreed": True, "source": "police"}
    again = _draft(draft).loaded("seen")
    assert again.values["seen_on"] == date(2026, 11, 1)
    assert again.status == Status.IN_PROGRESS
    with pytest.raises(Stale):
        _draft(draft).save(com, "seen", values, version=0, complete=True)


def test_answers_show_by_their_labels_choices_from_the_record_too(
    draft: Version, com: User
) -> None:
    _draft(draft).save(
        com, "seen", {"seen_on": date(2026, 11, 1), "source": "prison"}, version=0, complete=True
    )
    version = reload(draft)
    assert rows(SECTIONS, version) == [
        Row("about", "summary", "Summary", "Settled at home"),
        Row("about", "level", "Level", "Medium"),
        Row("seen", "seen_on", "Date seen", "1 November 2026"),
        Row("seen", "source", "Source", "The prison"),
    ]
    assert _draft(draft).display("about") == [("Summary", "Settled at home"), ("Level", "Medium")]


def test_check_refuses_questions_the_section_does_not_ask(draft: Version, com: User) -> None:
    with pytest.raises(Invalid) as invalid:
        _draft(draft).save(com, "about", {"secret": "x"}, version=1, complete=True)
    assert invalid.value.fields == {"secret": ["There is no such question"]}


def test_submit_needs_the_required_sections_then_asks_the_kind_about_countersigning(
    com: User, person: Person
) -> None:
    version = services.start(com, person, "sample-record")
    with pytest.raises(Invalid) as invalid:
        VersionDraft(version, SECTIONS).submit(com)
    assert invalid.value.fields == {"about": ["Complete the section: About"]}
    services.save_section(com, version, "about", ABOUT, expected=0, complete=True)
    VersionDraft(
        reload(version), SECTIONS, countersignature=lambda user, v: "The level is high"
    ).submit(com)
    assert reload(version).state == State.SUBMITTED
    assert reload(version).countersignature_reason == "The level is high"


def test_the_frame_builds_a_section_form_with_its_kwargs(draft: Version) -> None:
    request = RequestFactory().get("/")
    form = longform_pages._section_form(SECTIONS[1], request, _draft(draft))
    assert list(form.fields["source"].choices) == [  # type: ignore[attr-defined]
        ("", "Choose"),
        ("police", "Police"),
        ("prison", "The prison"),
    ]
