"""What the release's rules read from the rest of the record, for a person already loaded
through the access policy: the decision criteria as they stand today, the current sentence's
dates and the MAPPA level (for the handover's due date), and the sentence date a release
cannot precede."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from throughcare.assessment.models import Assessment
from throughcare.people.models import Person, Sentence
from throughcare.planning import facts as planning_facts
from throughcare.planning.models import DecisionCriterion
from throughcare.planning.rules import criteria

from . import rules

VICTIM_RULE = "victim liaison consulted"


@dataclass(frozen=True)
class CriterionResult:
    title: str
    met: bool
    evidence: str


def criteria_results(person: Person, *, may_see_victims: bool = True) -> list[CriterionResult]:
    """Every active decision criterion (P30), met or not today, with its evidence. What victim
    liaison said is about the victim: only "Met" or "Not met" for those who may not see it."""
    active = list(DecisionCriterion.objects.filter(active=True))
    if not active:
        return []
    record = planning_facts.criteria_facts(person)
    found = []
    for item in active:
        result = criteria.evaluate(item.rule, record)
        evidence = result.evidence
        if item.rule == VICTIM_RULE and not may_see_victims:
            evidence = "Met" if result.met else "Not met"
        found.append(CriterionResult(item.title, result.met, evidence))
    return found


def current_sentence(person: Person) -> Sentence | None:
    return (
        Sentence.objects.filter(person=person, is_current=True)
        .order_by("-sentence_date", "-pk")
        .first()
    )


def sentence_date(person: Person) -> date | None:
    """The date of the current sentence (the latest, if there are several)."""
    found = current_sentence(person)
    return found.sentence_date if found else None


def mappa_levels(person_ids: Any) -> dict[Any, str]:
    """Each person's MAPPA level in their current (locked) assessment ("" if none): the level
    alone is read from each document, in one query, not the whole documents."""
    levels: dict[Any, str] = {}
    for person_id, level in Assessment.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "current__content__contributions__mappa_level"
    ):
        levels[person_id] = "" if level is None else str(level)
    return levels


def sentence_dates(sentence: Sentence, mappa_level: str) -> rules.SentenceDates:
    return rules.SentenceDates(
        sentence_type=sentence.sentence_type,
        ped=sentence.ped,
        crd=sentence.crd,
        ard=sentence.ard,
        hdced=sentence.hdced,
        hdcad=sentence.hdcad,
        mappa_level=mappa_level,
    )


def handover_due(person: Person, today: date) -> date | None:
    sentence = current_sentence(person)
    if sentence is None:
        return None
    return rules.handover_due(
        sentence_dates(sentence, mappa_levels([person.pk]).get(person.pk, "")), today
    )


# What `sentence_dates` reads of a sentence.
SENTENCE_DATES = ("sentence_type", "ped", "crd", "ard", "hdced", "hdcad")


def handovers_due(
    person_ids: Any, today: date, *, sentences: QuerySet[Sentence] | None = None
) -> dict[Any, date]:
    """For a page of people: each one's handover due date, in two queries (their current
    sentences' dates, then the MAPPA levels of those who have one). `sentences` narrows the
    sentences read (a caller's conditions on the person, in the same query)."""
    chosen = Sentence.objects.all() if sentences is None else sentences
    latest: dict[Any, dict[str, Any]] = {}
    for row in (
        chosen.filter(person_id__in=person_ids, is_current=True)
        .order_by("sentence_date", "pk")
        .values("person_id", *SENTENCE_DATES)
    ):
        latest[row["person_id"]] = row  # the latest wins
    levels = mappa_levels(list(latest)) if latest else {}
    due = {}
    for person_id, row in latest.items():
        dates = rules.SentenceDates(
            **{name: row[name] for name in SENTENCE_DATES},
            mappa_level=levels.get(person_id, ""),
        )
        day = rules.handover_due(dates, today)
        if day is not None:
            due[person_id] = day
    return due
