"""Example answers to every section of the assessment, as a browser would post them: what the
demo's assessments are written from, and what the tests start from. Each goes through the
section's form (`draft.fill`), so an example that the forms would refuse fails loudly."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from throughcare.access.models import User
from throughcare.core import clock
from throughcare.people.models import Person

from .draft import AssessmentDraft, fill
from .facts import record_facts


def _day(value: date) -> dict[str, str]:
    return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}


def _date(name: str, value: date) -> dict[str, str]:
    return {f"{name}_{part}": text for part, text in _day(value).items()}


def first_sanction(person: Person) -> date:
    """A plausible first sanction for the demo: at 18, or the current conviction if earlier."""
    facts = record_facts(person)
    born = person.date_of_birth
    at_18 = born.replace(year=born.year + 18, day=min(born.day, 28))
    convicted = facts.conviction_date or at_18
    return min(at_18, convicted)


def answers(
    level: str = "high", *, person: Person | None = None, today: date | None = None
) -> dict[str, dict[str, Any]]:
    """Every section's posted values for an assessment at this risk of serious harm level
    ("low", "medium", "high" or "very high", the highest cell: the public in the community)."""
    today = today or clock.today()
    first = first_sanction(person) if person is not None else date(2012, 6, 1)
    lower = "low" if level in ("low", "medium") else "medium"
    needs: dict[str, Any] = {}
    for pathway in (
        "accommodation",
        "attitudes",
        "family",
        "drugs_alcohol",
        "education_work",
        "finance_id",
        "health",
    ):
        needs[f"{pathway}_severity"] = "no need"
    needs.update(
        accommodation_severity="severe",
        accommodation_evidence="No address on release; his mother's flat is not suitable.",
        drugs_alcohol_severity="standard",
        drugs_alcohol_evidence="Drank heavily before the offence; abstinent in custody.",
    )
    return {
        "sources": {
            "partner_or_ex_partner": "no",
            "children_in_contact": "no",
            "attended_programmes": "no",
            "why_go_ahead": "The interview is booked for next week and the prison's custody "
            "report is late; the key worker told me by phone there are no concerns. Release is "
            "close, so the assessment goes ahead now and will be reviewed when they arrive.",
        },
        "summary": {
            "offence": "Assault occasioning actual bodily harm outside a pub, after drinking.",
            "history": "Four previous convictions for violence and public order since 2012.",
            "circumstances": "Single; no settled address; was working as a labourer.",
            "custody": "Settled on the wing; worked in the kitchens; no adjudications.",
        },
        "needs": needs,
        "ogrs3": {
            "previous_sanctions": "4",
            **_date("first_sanction_date", first),
            "history_source": "Police National Computer record",
            **_date("history_date", today - timedelta(days=20)),
        },
        "factors": {
            "stable": ["alcohol or drug use", "temper control"],
            "stable_details": "Violence follows heavy drinking; quick to anger when challenged.",
            "inner_strengths": "Wants to keep his job and says he is ready to stop drinking.",
            "outside_resources": "His brother is supportive and sober.",
            "external_controls": "Licence conditions; alcohol monitoring is being considered.",
        },
        "likelihood": {
            "judged": "Medium",
            "reason": "His drinking has escalated since his last conviction and he has no "
            "address: the static score understates that.",
        },
        "rosh": {
            "children_community": "low",
            "public_community": level,
            "known_adult_community": lower,
            "staff_community": "low",
            "children_custody": "low",
            "public_custody": "low",
            "known_adult_custody": "low",
            "staff_custody": lower,
            "prisoners_custody": lower,
            "who": "Men he does not know, in and around pubs at night.",
            "nature": "Punching and kicking causing serious injury.",
            "when": "When drinking, especially in the first weeks after release.",
            "increases": "Drinking; no settled address; losing work.",
            "reduces": "Abstinence; settled accommodation; work; his brother's support.",
        },
        "other-risks": dict.fromkeys(
            ("suicide", "self_harm", "coping", "vulnerability", "escape", "control", "trust"), "no"
        ),
        "evaluation": {
            "effects": "The victim lost two teeth and was off work for a month.",
            "causes": "Alcohol misuse and poor temper control.",
            "attitudes": "Accepts responsibility; says he wants to stop drinking.",
            "progress": "Completed an alcohol awareness course in custody.",
            "impact": "Risk to the public in the night-time economy.",
            "community": "The town centre has many late bars: an area away from it is better.",
            "resources": "Accommodation, alcohol treatment, work through employment services.",
        },
        "community": {
            "plans": "To live with his brother and go back to labouring.",
            "views": "The victim lives in the town centre and has asked not to meet him.",
            "other": "",
        },
        "domestic-abuse": {"dash_received": "no", "professional_judgement": "no"},
        "safeguarding": {},
        "contributions": {
            "contribution_1_agency": "HMP Northbridge substance misuse service",
            "contribution_1_who": "Recovery worker",
            "contribution_1_said": "Engaged well; recommends community alcohol treatment.",
            **_date("contribution_1_date", today - timedelta(days=10)),
            "mappa_category": "none",
            "advice": "",
        },
    }


def fill_all(user: User, draft: AssessmentDraft, posted: dict[str, dict[str, Any]]) -> None:
    for key, values in posted.items():
        fill(user, draft, key, values)
