"""The sufficiency check (P17) for one version of a person's assessment: the pure rule
(`rules.sufficiency`) over the sources gathering recorded (`sources.held`), the facts the
version gives (partner, children, programmes) and the criminal record it names."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from . import sources
from .rules import sufficiency
from .rules.sufficiency import Facts, Finding, Held, Need

if TYPE_CHECKING:
    from throughcare.people.models import Person
    from throughcare.records.models import Version


def _yes_no(value: Any) -> bool | None:
    return {"yes": True, "no": False}.get(str(value or ""))


def facts(content: dict[str, Any]) -> Facts:
    given = content.get("sources", {})
    return Facts(
        partner_or_ex_partner=_yes_no(given.get("partner_or_ex_partner")),
        children_in_contact=_yes_no(given.get("children_in_contact")),
        attended_programmes=_yes_no(given.get("attended_programmes")),
    )


def _criminal_record(content: dict[str, Any]) -> list[Held]:
    """The criminal record the OGRS3 section names as the source of the criminal history."""
    given = content.get("ogrs3", {})
    name, when = str(given.get("history_source", "")).strip(), given.get("history_date")
    if not name or not when:
        return []
    try:
        obtained = date.fromisoformat(str(when))
    except ValueError:
        return []
    return [Held(Need.CRIMINAL_RECORD, obtained, name)]


def findings(person: Person, version: Version) -> list[Finding]:
    """The check today (the clock's)."""
    return sources.findings(person, facts(version.content), _criminal_record(version.content))


def with_requests(person: Person, found: list[Finding]) -> list[tuple[Finding, str]]:
    """Each finding with the link that requests the source (for a gap), filled in."""
    return [
        (finding, sources.request_url(person, finding.need) if finding.status in GAPS else "")
        for finding in found
    ]


GAPS = (sufficiency.Status.MISSING, sufficiency.Status.OUT_OF_DATE)
