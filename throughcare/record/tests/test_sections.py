"""The record's sections come from the apps that declare them: each app registers its own in
its AppConfig, a built section takes the place held for it, and two apps cannot claim one key."""

from collections.abc import Iterator

import pytest

from throughcare.record import sections
from throughcare.record.sections import Section, SectionClashError


@pytest.fixture
def registry() -> Iterator[dict[str, Section]]:
    """The registry as the apps left it, restored after the test."""
    saved = dict(sections._registry)
    yield sections._registry
    sections._registry.clear()
    sections._registry.update(saved)


def test_every_app_declares_its_section_in_the_order_of_the_work() -> None:
    assert [(s.key, s.url_name) for s in sections.sections()] == [
        ("overview", "record:overview"),
        ("information", "casework:information"),
        ("requests", "casework:requests"),
        ("concerns", "casework:concerns"),
        ("assessment", "assessment:overview"),
        ("options", "planning:options"),
        ("plan", "planning:plan"),
        ("documents", "documents:index"),
        ("activity", "casework:activity"),
        ("access", "sharing:person"),
    ]


def test_a_built_section_takes_the_place_held_for_it_whichever_comes_first(
    registry: dict[str, Section],
) -> None:
    sections.register(Section("later", "Later", 95))  # a place held first
    built = Section("later", "Later", 95, "casework:activity")
    sections.register(built)
    assert registry["later"] is built
    sections.register(Section("later", "Later", 95))  # a place held after: the built one stays
    assert registry["later"] is built
    assert sections.register(built) is built  # declared again (ready() run twice): no change


def test_two_apps_cannot_build_the_same_section(registry: dict[str, Section]) -> None:
    with pytest.raises(SectionClashError):
        sections.register(Section("overview", "Overview", 10, "documents:index"))
    assert registry["overview"].url_name == "record:overview"
