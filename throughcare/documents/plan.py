"""What the staff documents of the plan are made from (issue 12 point 8): the pre-release report
and the risk management plan, read from the record through the plan's parts' query functions,
never retyped. For a person already loaded through the access policy with `VIEW_PLAN`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from throughcare.access.policy import Action
from throughcare.assessment.models import Assessment
from throughcare.assessment.rules.rosh import GROUPS
from throughcare.assessment.sections.harm import GROUP_WORDS
from throughcare.core import clock
from throughcare.people.models import Sentence
from throughcare.planning import facts as planning_facts
from throughcare.planning.models import Option
from throughcare.planning.release import queries as release
from throughcare.planning.release.models import Handover, Release
from throughcare.planning.resettlement import queries as resettlement
from throughcare.planning.resettlement.facts import LicenceEnd, licence_end
from throughcare.planning.riskplan import catalogue
from throughcare.planning.riskplan import facts as riskplan_facts
from throughcare.planning.riskplan import queries as riskplan
from throughcare.planning.riskplan.models import LicenceCondition
from throughcare.planning.running import queries as running
from throughcare.records.models import Version

if TYPE_CHECKING:
    from throughcare.access.policy import Access
    from throughcare.people.models import Person


@dataclass(frozen=True)
class LevelRow:
    group: str
    community: str
    custody: str


@dataclass(frozen=True)
class Headline:
    """The current (locked) assessment's headline: the risk of serious harm and OGRS3."""

    version: int
    overall: str
    levels: tuple[LevelRow, ...]
    ogrs3_band: str
    ogrs3_two_year: float | None

    @property
    def ogrs3_percent(self) -> int | None:
        return None if self.ogrs3_two_year is None else round(self.ogrs3_two_year * 100)


@dataclass(frozen=True)
class Signatures:
    """Who wrote, submitted and countersigned the latest version of a signed document."""

    written_by: str
    submitted_at: datetime | None
    countersigned_by: str
    locked_at: datetime | None


@dataclass(frozen=True)
class KeyDates:
    release_date: date | None
    release_date_source: str
    rows: tuple[tuple[str, date], ...]  # the current sentences' key dates, labelled
    licence_end: LicenceEnd | None


@dataclass(frozen=True)
class ConditionDetail:
    """An additional licence condition as the staff see it: its words, the risk it manages
    (the action of the plan it serves and the risk factors) and why it is necessary and
    proportionate."""

    category: str
    text: str
    serves: str  # the action of the plan, "" when it names risk factors itself
    factors: tuple[str, ...]
    justification: str


@dataclass(frozen=True)
class PreReleaseReport:
    person: Person
    produced_at: datetime
    key_dates: KeyDates
    stage: str
    headline: Headline | None
    options: tuple[Option, ...]
    plan: resettlement.PlanView | None
    risk_plan: riskplan.RiskPlanView | None
    licence: riskplan.LicenceView
    readiness: release.ReadinessView
    day_of_release: release.DayOfReleaseView | None
    handover: Handover | None
    handover_due: date | None
    release: Release | None
    running: running.RunningView


@dataclass(frozen=True)
class RiskPlanDocument:
    person: Person
    produced_at: datetime
    risk_plan: riskplan.RiskPlanView | None
    conditions: tuple[ConditionDetail, ...]
    signatures: Signatures | None
    overall: str


def _level(value: object) -> str:
    label = getattr(value, "label", None)
    return str(label) if label else "Not rated"


def headline(person: Person) -> Headline | None:
    """None before an assessment is locked."""
    found = planning_facts.assessment(person)
    stored = Assessment.objects.filter(person=person).first()
    if found is None or stored is None:
        return None
    levels = tuple(
        LevelRow(
            GROUP_WORDS.get(group, group),
            _level(found.levels.get((group, "community")))
            if (group, "community") in found.levels
            else "Not rated in the community",
            _level(found.levels.get((group, "custody"))),
        )
        for group in GROUPS
    )
    return Headline(
        version=found.number,
        overall=found.overall.capitalize() if found.overall else "Not rated",
        levels=levels,
        ogrs3_band=stored.ogrs3_band,
        ogrs3_two_year=stored.ogrs3_two_year,
    )


def key_dates(person: Person) -> KeyDates:
    rows = tuple(
        row
        for sentence in Sentence.objects.filter(person=person, is_current=True)
        for row in sentence.key_date_rows()
    )
    return KeyDates(person.release_date, person.release_date_source, rows, licence_end(person))


def signatures(person: Person) -> Signatures | None:
    document = riskplan_facts.document(person)
    if document is None:
        return None
    latest = (
        Version.objects.filter(document=document)
        .select_related("author", "countersigned_by")
        .order_by("-number")
        .first()
    )
    if latest is None:
        return None
    return Signatures(
        written_by=latest.author.full_name,
        submitted_at=latest.submitted_at,
        countersigned_by=latest.countersigned_by.full_name if latest.countersigned_by else "",
        locked_at=latest.locked_at,
    )


def conditions(person: Person) -> tuple[ConditionDetail, ...]:
    """The risk management plan's additional conditions, in the catalogue's order (as
    `riskplan.queries.licence_for` lists them), with their risks and justifications."""
    document = riskplan_facts.document(person)
    if document is None:
        return ()
    found = catalogue.catalogue()
    labels = {f.key: f.label for f in riskplan_facts.risk_factors(person)}
    rows = sorted(
        LicenceCondition.objects.filter(document=document).select_related("risk_action"),
        key=lambda c: (found.order(c.code), c.pk),
    )
    details = []
    for row in rows:
        entry = found.by_code(row.code)
        keys = row.risk_action.factors if row.risk_action else row.factors
        details.append(
            ConditionDetail(
                category=entry.category if entry else "",
                text=row.text,
                serves=row.risk_action.action if row.risk_action else "",
                factors=tuple(labels.get(k, k) for k in keys or []),
                justification=row.justification,
            )
        )
    return tuple(details)


def _require(access: Access) -> None:
    if not access.can(Action.VIEW_PLAN):
        raise PermissionDenied


def pre_release_report(access: Access) -> PreReleaseReport:
    _require(access)
    person = access.person
    return PreReleaseReport(
        person=person,
        produced_at=clock.now(),
        key_dates=key_dates(person),
        stage=release.stage(person),
        headline=headline(person),
        options=tuple(resettlement.chosen_options(access)),
        plan=resettlement.plan_for(person),
        risk_plan=riskplan.risk_plan_for(person),
        licence=riskplan.licence_for(person),
        readiness=release.readiness_for(person, may_see_victims=access.can(Action.VIEW_VICTIMS)),
        day_of_release=release.day_of_release_for(person),
        handover=release.handover(person),
        handover_due=release.handover_due(person),
        release=release.release(person),
        running=running.running_for(person),
    )


def risk_plan_document(access: Access) -> RiskPlanDocument:
    _require(access)
    person = access.person
    return RiskPlanDocument(
        person=person,
        produced_at=clock.now(),
        risk_plan=riskplan.risk_plan_for(person),
        conditions=conditions(person),
        signatures=signatures(person),
        overall=riskplan_facts.overall_rosh(person).capitalize() or "Not rated",
    )
