"""What the assessment declares to the rest of the service, from `AppConfig.ready()`: its
section of the record, its kind of signed document, its columns on the caseload, its part of
the subject access export, and the events that make a review due."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Subquery

from throughcare.access.models import Role

TAGS = {"low": "green", "medium": "yellow", "high": "orange", "very high": "red"}


def _summary(field: str) -> Subquery:
    from .models import Assessment

    return Subquery(Assessment.objects.filter(person_id=OuterRef("pk")).values(field)[:1])


def _rosh_cell(person: Any) -> dict[str, Any]:
    from django.utils.html import format_html

    level = getattr(person, "assessment_rosh", "") or ""
    if not level:
        return {"text": "Not assessed"}
    return {
        "html": format_html(
            '<strong class="govuk-tag govuk-tag--{}">{}</strong>', TAGS[level], level.capitalize()
        )
    }


def _ogrs3_cell(person: Any) -> dict[str, Any]:
    band = getattr(person, "assessment_band", "") or ""
    two_year = getattr(person, "assessment_ogrs3", None)
    if not band:
        if getattr(person, "assessment_rosh", ""):
            return {"text": "Not calculated"}
        return _not_assessed()
    return {"text": f"{band} ({round(two_year * 100)}%)" if two_year is not None else band}


def _review_cell(person: Any) -> dict[str, Any]:
    from django.utils.html import format_html

    if getattr(person, "assessment_review_due", False):
        return {
            "html": format_html(
                '<strong class="govuk-tag govuk-tag--red">{}</strong>', "Review due"
            )
        }
    return {"text": "No"} if getattr(person, "assessment_rosh", "") else _not_assessed()


def _not_assessed() -> dict[str, Any]:
    """Said once, in the risk of serious harm column: the other columns are blank to the eye
    and say it to a screen reader."""
    from django.utils.html import format_html

    return {"html": format_html('<span class="govuk-visually-hidden">{}</span>', "Not assessed")}


def _sections() -> None:
    from throughcare.record.sections import Section, register

    from . import queries

    def shown(access: Any) -> bool:
        return access.user.role != Role.PARTNER or queries.may_read_summary(access)

    register(Section("assessment", "Assessment", 30, "assessment:overview", shown=shown))


def _kind() -> None:
    from django.urls import reverse

    from throughcare.records.kinds import Kind, register

    from . import presenters, services

    register(
        Kind(
            key="assessment",
            title="Assessment of risk",
            record_section="assessment",
            rows=presenters.rows,
            after_change=services.refresh,
            review_template="assessment/_review.html",
            sharing="assessment",
            section_titles=presenters.section_titles(),
            edit_url=lambda version: reverse(
                "assessment:version", args=[version.person_id, version.pk]
            ),
        )
    )


def _columns() -> None:
    from throughcare.caseload.columns import Column, register

    register(
        Column(
            "rosh",
            "Risk of serious harm",
            10,
            lambda: {
                "assessment_rosh": _summary("rosh_level"),
                "assessment_rank": _summary("rosh_rank"),
            },
            ("assessment_rank",),
            _rosh_cell,
        )
    )
    register(
        Column(
            "ogrs3",
            "OGRS3",
            20,
            lambda: {
                "assessment_band": _summary("ogrs3_band"),
                "assessment_ogrs3": _summary("ogrs3_two_year"),
            },
            ("assessment_ogrs3",),
            _ogrs3_cell,
        )
    )
    register(
        Column(
            "review",
            "Review due",
            30,
            lambda: {"assessment_review_due": _summary("review_due")},
            ("assessment_review_due",),
            _review_cell,
        )
    )


def _events() -> None:
    from throughcare.core import events

    from . import services

    def concern(*, user: Any, person: Any, **payload: Any) -> None:
        services.mark_review_due(person_id=person.pk, why="An urgent concern was recorded", by=user)

    def acute(*, user: Any, person: Any, note: Any, change: str, **payload: Any) -> None:
        label = note.get_acute_change_display() if note is not None else change
        services.mark_review_due(
            person_id=person.pk, why=f"An acute change was recorded ({label})", by=user
        )

    events.subscribe(events.URGENT_CONCERN_RECORDED, concern)
    events.subscribe(events.ACUTE_CHANGE_RECORDED, acute)


def connect() -> None:
    from throughcare.core import subject_access

    from .subject_access import PART

    _sections()
    _kind()
    _columns()
    _events()
    subject_access.register(PART)
