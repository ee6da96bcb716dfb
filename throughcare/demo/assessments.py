"""The demo's assessments, written through the services as a practitioner would, answering each
section's form: one person's assessment in each state (a draft; submitted and awaiting the
SPO's countersignature; returned with comments; countersigned and locked at high risk; locked
without countersigning at low risk), so that every page of the Assessment section has
something to show. `answers` is also what the tests and the browser journey start from."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from throughcare.access.models import Role, User
from throughcare.access.policy import Access, Relation
from throughcare.assessment import services
from throughcare.assessment.draft import AssessmentDraft, fill
from throughcare.assessment.facts import record_facts
from throughcare.casework import services as casework
from throughcare.core import clock
from throughcare.people.models import Person
from throughcare.records import services as records

TEAM = "Northbridge probation team"


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


def _draft(com: User, person: Person) -> AssessmentDraft:
    version = services.start(com, person)
    return AssessmentDraft(Access(com, person, Relation.ALLOCATED), version)


def add_assessments() -> int:
    """One assessment in each state for people of the Northbridge team's COMs (once)."""
    spo = User.objects.filter(role=Role.SPO, organisation__name=TEAM).order_by("pk").first()
    people = list(
        Person.objects.filter(
            com__organisation__name=TEAM, com__role=Role.COM, assessments__isnull=True
        )
        .select_related("com")
        .order_by("release_date", "crn")[2:7]
    )
    if spo is None or len(people) < 5:
        return 0
    locked_high, locked_low, waiting, returned, draft = people
    for person, level in (
        (locked_high, "high"),
        (locked_low, "low"),
        (waiting, "high"),
        (returned, "very high"),
    ):
        assert person.com is not None  # noqa: S101 - filtered above
        made = _draft(person.com, person)
        fill_all(person.com, made, answers(level, person=person))
        services.submit(person.com, made.version)
        made.version.refresh_from_db()
        if person is locked_high:
            records.countersign(spo, made.version)
            # Since then, a sudden change: the assessment is due for review.
            casework.add_case_note(
                user=person.com,
                person=person,
                note=casework.NewCaseNote(
                    note_type="colleague",
                    occurred_on=clock.today(),
                    text="His key worker says his partner ended their relationship on a visit "
                    "yesterday; he was upset and angry afterwards.",
                    acute_change="relationship breakdown",
                ),
            )
        elif person is returned:
            records.return_for_changes(
                spo,
                made.version,
                "Say more about the risk to his former partner: the police call-outs are not "
                "in the sources yet.",
            )
    assert draft.com is not None  # noqa: S101 - filtered above
    begun = _draft(draft.com, draft)
    partial = answers("medium", person=draft)
    fill(draft.com, begun, "sources", partial["sources"])
    fill(draft.com, begun, "summary", partial["summary"])
    return 5
