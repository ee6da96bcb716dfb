"""An assessment version's answers as pages, the difference between versions and the subject
access export show them: one row per answer given, in the order of the form, then what was
computed on submission."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from throughcare.records import longform
from throughcare.records.kinds import Row

from . import computed

if TYPE_CHECKING:
    from throughcare.records.models import Version


def _computed_rows(stored: Mapping[str, Any]) -> list[Row]:
    title = computed.SECTION
    rows = []
    level = computed.overall_level(stored)
    rows.append(
        Row(
            title,
            "rosh_overall",
            "Overall risk of serious harm",
            level.label if level else "Not rated",
        )
    )
    two_year = stored.get("ogrs3_two_year")
    if two_year is not None:
        one_year = stored.get("ogrs3_one_year") or 0
        band = stored.get("ogrs3_band")
        shown = f"{round(one_year * 100)}% in one year, {round(two_year * 100)}% in two ({band})"
    else:
        shown = str(stored.get("ogrs3_problem") or "Not calculated")
    rows.append(Row(title, "ogrs3", "OGRS3 likelihood of proven reoffending", shown))
    if stored.get("departs"):
        rows.append(Row(title, "departs", "Judgement departs from the OGRS3 band", "Yes"))
    for reason in stored.get("marac") or []:
        rows.append(Row(title, "marac", "MARAC referral due", str(reason)))
    return rows


def section_titles() -> dict[str, str]:
    from .sections import SECTIONS

    return {
        **{section.key: section.title for section in SECTIONS},
        computed.SECTION: "Worked out on submission",
    }


def rows(version: Version, *, leave_out: Iterable[str] = ()) -> list[Row]:
    """Every answer, in the order of the form (less the sections left out), then what was
    worked out on submission."""
    from .draft import FORM_SECTIONS, ReadOnly

    skipped = set(leave_out)
    reader = ReadOnly(version)
    found = [
        row
        for section in FORM_SECTIONS
        if section.key not in skipped
        for row in longform.section_rows(section, version.content.get(section.key, {}), reader)
    ]
    stored = version.content.get(computed.SECTION)
    if stored:
        found += _computed_rows(stored)
    return found
