"""The referrals block of the form fuzz (issue 11 point 6), kept apart so the fuzz's other
blocks merge cleanly: the forms, what the fuzz's world needs for them (a referral about an
option of its own, with a question from the partner waiting for the sender's answer, so that
the answer, the reply and the withdrawal can all be posted), their URL argument and the case
model a refused post must leave alone. The form to send one is on the planning block's option,
which has the partner organisation as its provider."""

from __future__ import annotations

from typing import Any

from throughcare.access.models import Organisation, User
from throughcare.partners import services
from throughcare.partners.models import Referral
from throughcare.planning import services as planning

MODELS = (Referral,)


def plant(com: User, person: Any, partner: Organisation, worker: User) -> dict[str, Any]:
    option = planning.add_option(
        user=com,
        person=person,
        new=planning.NewOption.from_cleaned(
            {
                "kind": "accommodation",
                "title": "Fuzz Housing flat",
                "address": "3 Fuzz Road",
                "accommodation_type": "supported housing",
                "postcode": "NB6 1AA",
                "provider": partner,
            }
        ),
    )
    referral = services.send(
        user=com, option=option, new=services.NewReferral("referral", "A room, please")
    )
    services.answer(user=worker, referral=referral, decision=services.ASK, question="Any pets?")
    return {"referral": referral}


def url_values(world: dict[str, Any]) -> dict[str, Any]:
    return {"referral_id": world["referral"].pk}


def forms(fuzzed: Any) -> dict[str, Any]:
    """The referral forms, as `tests.fuzz_forms.Fuzzed` (passed in, to avoid a cycle)."""
    return {
        "partners:referral-create": fuzzed(
            "partners:referral-create",
            "com",
            lambda w: {"kind": "referral", "asked": "A room from the day of release"},
        ),
        "partners:referral": fuzzed("partners:referral", "com", lambda w: {"reply": "No pets"}),
        "partners:referral-withdraw": fuzzed(
            "partners:referral-withdraw", "com", lambda w: {"reason": "Found a place elsewhere"}
        ),
        "partners:referral-to-us": fuzzed(
            "partners:referral-to-us",
            "partner",
            lambda w: {"decision": "accept", "note": "Room 2 from the day of release"},
        ),
    }
