"""The forms the fuzz test (`test_form_fuzz.py`) covers: each named by the URL it posts to (and,
for limited access, the kind of list), with the page that shows it, who opens it, and values
that make a post succeed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from tests import (
    fuzz_partners,
    fuzz_planning,
    fuzz_release,
    fuzz_resettlement,
    fuzz_riskplan,
    fuzz_running,
)
from throughcare.assessment import examples as demo_assessments
from throughcare.assessment.sections import SECTIONS as ASSESSMENT_SECTIONS
from throughcare.core import clock
from throughcare.demo.interviews import ANSWERS as INTERVIEW_ANSWERS

PASSWORD_OK = "correct-horse-battery"
IMPORT_FILE = (
    "crn,given_name,family_name,date_of_birth,sex,com\n"
    "F000001,Fuzz,Imported,1990-01-01,male,{com}\n"
)


@dataclass(frozen=True)
class Fuzzed:
    """A form: the page that shows it, who opens it, and values that make a post succeed
    (None: no post can succeed in a test, as for a one-time code)."""

    page: str
    user: str
    valid: Callable[[dict[str, Any]], dict[str, Any]] | None
    audited_on_refusal: bool = False  # sign-in failures are security events, rightly recorded
    section: str = ""  # the page's section, for a page of one section of a long form


def _date(prefix: str, value: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(value.day),
        f"{prefix}_month": str(value.month),
        f"{prefix}_year": str(value.year),
    }


def _today() -> date:
    return clock.today()


# Answers that open every conditional question of a section, so that each is checked: an
# answer hidden by the one it depends on is forgotten, not checked (`sections.common.drop`).
ASSESSMENT_REVEALED: dict[str, dict[str, Any]] = {
    "contributions": {"mappa_category": "2", "mappa_level": "1"},
    "domestic-abuse": {
        "dash_received": "yes",
        "dash_completed_by": "Police",
        **_date("dash_date", date(2026, 10, 1)),
        "dash_yes_answers": "3",
        "dash_outcome": "Standard risk",
        "incidents": "0",
        "professional_judgement": "no",
    },
}


def _assessment(key: str) -> Fuzzed:
    """One section of the assessment, answered as the demo answers it."""

    def valid(world: dict[str, Any]) -> dict[str, Any]:
        posted = demo_assessments.answers("high", person=world["person"])[key]
        return {**posted, **ASSESSMENT_REVEALED.get(key, {})}

    return Fuzzed("assessment:section", "com", valid, section=key)


# The form is named by the URL it posts to (and, for limited access, the kind of list).
FORMS: dict[str, Fuzzed] = {
    "access:sign-in": Fuzzed(
        "access:sign-in",
        "anonymous",
        lambda w: {"username": w["users"]["spo"].email, "password": PASSWORD_OK},
        audited_on_refusal=True,
    ),
    "access:two-factor": Fuzzed("access:two-factor", "password only", None, True),
    "access:recovery-code": Fuzzed("access:recovery-code", "password only", None, True),
    "access:invitation-password": Fuzzed(
        "access:invitation-password",
        "invited",
        lambda w: {"password1": "a-long-fuzz-password", "password2": "a-long-fuzz-password"},
        audited_on_refusal=True,
    ),
    "access:sign-out": Fuzzed("caseload:caseload", "com", lambda w: {}),
    "access:break-glass": Fuzzed(
        "access:break-glass", "other", lambda w: {"reason": "Covering the duty desk today"}
    ),
    "caseload:search": Fuzzed("caseload:search", "com", lambda w: {"q": "Fuzz"}),
    "imports:upload": Fuzzed(
        "imports:upload",
        "admin",
        lambda w: {
            "file": SimpleUploadedFile(
                "people.csv", IMPORT_FILE.format(com=w["users"]["com"].email).encode()
            )
        },
    ),
    "caseload:create": Fuzzed(
        "caseload:create",
        "com",
        lambda w: {
            "given_name": "Ada",
            "family_name": "Lovelace",
            **_date("date_of_birth", date(1990, 5, 1)),
            "sex": "female",
        },
    ),
    "record:change": Fuzzed("record:change", "com", lambda w: {"first_language": "Welsh"}),
    "record:reallocate": Fuzzed(
        "record:reallocate", "spo", lambda w: {"com": str(w["users"]["colleague"].pk)}
    ),
    "record:sentence-create": Fuzzed(
        "record:sentence-create",
        "com",
        lambda w: {
            "sentence_type": "sds",
            **_date("sentence_date", _today() - timedelta(days=100)),
            **_date("crd", _today() + timedelta(days=100)),
            **_date("sed", _today() + timedelta(days=300)),
        },
    ),
    "record:offence-create": Fuzzed(
        "record:offence-create",
        "com",
        lambda w: {
            "description": "Theft from a shop",
            **_date("conviction_date", _today() - timedelta(days=320)),
        },
    ),
    "record:victim-create": Fuzzed(
        "record:victim-create", "com", lambda w: {"name": "Vic Tim", "relationship": "Neighbour"}
    ),
    "record:alias-create": Fuzzed(
        "record:alias-create", "com", lambda w: {"given_name": "Other", "family_name": "Name"}
    ),
    "casework:activity": Fuzzed(
        "casework:activity", "com", lambda w: {"note_type": "contact", "text": "Met at the gate"}
    ),
    "casework:mark-sensitive": Fuzzed("casework:activity", "com", lambda w: {}),
    # The date and time boxes come filled with now.
    "casework:concern-create": Fuzzed(
        "casework:concern-create",
        "com",
        lambda w: {
            "concern_type": "harm to a child",
            "account": "Said he would hurt the child next door",
            "source_kind": "person",
        },
    ),
    "casework:concern-acknowledge": Fuzzed("casework:concern", "spo", lambda w: {}),
    "casework:concern-action": Fuzzed(
        "casework:concern-action",
        "com",
        lambda w: {"kind": "police informed", "reference": "CAD 4321"},
    ),
    "casework:concern-resolve": Fuzzed(
        "casework:concern-resolve", "com", lambda w: {"resolution": "Police attended"}
    ),
    "records:review": Fuzzed(
        "records:review",
        "spo",
        lambda w: {"decision": "return", "comments": "Say where the level comes from"},
    ),
    "casework:advice-create": Fuzzed(
        "casework:advice-create",
        "com",
        lambda w: {
            "specialism": "safeguarding",
            "ask_of": "colleague",
            "adviser": str(w["users"]["spo"].pk),
            "question": "Should children's services be told?",
        },
    ),
    "casework:advice": Fuzzed(
        "casework:advice", "spo", lambda w: {"text": "Yes: ring the MASH today."}
    ),
    "casework:advice-withdraw": Fuzzed("casework:advice", "com", lambda w: {}),
    "casework:advice-to-me": Fuzzed(
        "casework:advice-to-me", "spo", lambda w: {"text": "Yes: ring the MASH today."}
    ),
    "casework:interview-start": Fuzzed("casework:information", "com", lambda w: {}),
    "casework:interview-section": Fuzzed(
        "casework:interview-section", "com", lambda w: dict(INTERVIEW_ANSWERS["opening"])
    ),
    "casework:interview-check": Fuzzed("casework:interview-check", "com", lambda w: {}),
    "casework:interview-summary": Fuzzed(
        "casework:interview-summary",
        "com",
        lambda w: {
            "response": "corrected",
            "correction": "My brother, not my sister",
            **_date("response_on", _today()),
        },
    ),
    "casework:interview-amend": Fuzzed(
        "casework:interview-amend", "com", lambda w: {"text": "Later said the room fell through"}
    ),
    "sharing:share": Fuzzed(
        "sharing:person",
        "com",
        lambda w: {
            "organisation": str(w["partner"].pk),
            "purpose": "Housing referral",
            "sections": ["identity"],
            **_date("start_date", _today()),
            **_date("end_date", _today() + timedelta(days=30)),
        },
    ),
    "sharing:end-agreement": Fuzzed(
        "sharing:end-agreement", "com", lambda w: {"reason": "Housing found elsewhere"}
    ),
    "sharing:limit exclude": Fuzzed(
        "sharing:person",
        "spo",
        lambda w: {"user": str(w["users"]["colleague"].pk), "reason": "Lives next door"},
    ),
    "sharing:limit restrict": Fuzzed(
        "sharing:person",
        "spo",
        lambda w: {
            "users": [str(w["users"]["com"].pk), str(w["users"]["pom"].pk)],
            "reason": "High-profile case",
        },
    ),
    "casework:request-new": Fuzzed(
        "casework:request-new",
        "com",
        lambda w: {
            "recipient_kind": "colleague",
            "colleague": str(w["users"]["recipient"].pk),
            "purpose": "Planning release",
            "topics": ["behaviour", "risks"],
            "further_questions": "Any visits?",
            **_date("due_on", _today() + timedelta(days=7)),
        },
    ),
    "casework:request-withdraw": Fuzzed(
        "casework:request-withdraw", "com", lambda w: {"reason": "No longer needed"}
    ),
    "casework:request": Fuzzed(
        "casework:request",
        "recipient",
        lambda w: {
            "answer_behaviour": "Settled on the wing",
            "answer_risks": "None seen",
            "further_answer": "Weekly visits from his sister",
        },
    ),
    "oversight:export": Fuzzed(
        "oversight:export",
        "admin",
        lambda w: {
            **_date("first_day", _today() - timedelta(days=7)),
            **_date("last_day", _today()),
        },
    ),
}
FORMS.update(
    {
        f"assessment:section {section.key}": _assessment(section.key)
        for section in ASSESSMENT_SECTIONS
    }
)
# Submitting the assessment, every section answered: it goes to the SPO to countersign.
FORMS["assessment:check"] = Fuzzed("assessment:check", "com", lambda w: {})

# Release planning (issue 11): its own block, in tests/fuzz_planning.py.
FORMS.update(fuzz_planning.forms(Fuzzed))
# Ready for release, the day of release, the handover and the release (issue 12).
FORMS.update(fuzz_release.forms(Fuzzed))
# The risk management plan (issue 12): its own block, in tests/fuzz_riskplan.py.
FORMS.update(fuzz_riskplan.forms(Fuzzed))
# Alerting the organisations affected (issue 11 point 6): tests/fuzz_partners.py.
FORMS.update(fuzz_partners.forms(Fuzzed))
# The resettlement plan (issue 12 point 1): tests/fuzz_resettlement.py.
FORMS.update(fuzz_resettlement.forms(Fuzzed))
# Running the plan (issue 12 point 7): tests/fuzz_running.py.
FORMS.update(fuzz_running.forms(Fuzzed))
