"""The release planning block of the form fuzz (issue 11), kept apart so the fuzz's other
blocks merge cleanly: the forms, what the fuzz's world needs for them, their URL arguments and
the case models a refused post must leave alone."""

from __future__ import annotations

from datetime import date
from typing import Any

from throughcare.access.models import Role, User
from throughcare.planning import services
from throughcare.planning.models import (
    Barrier,
    Evaluation,
    LiaisonConsultation,
    Option,
    Restriction,
)

MODELS = (Option, Evaluation, Barrier, Restriction, LiaisonConsultation)


def _date(prefix: str, value: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(value.day),
        f"{prefix}_month": str(value.month),
        f"{prefix}_year": str(value.year),
    }


def _source(w: dict[str, Any]) -> dict[str, str]:
    from throughcare.core import clock

    return {
        "source_kind": "colleague",
        "source_name": "Sam Patel",
        "source_role": "Key worker",
        **_date("obtained_on", clock.today()),
    }


def plant(com: User, person: Any, spo: User, provider: Any = None) -> dict[str, Any]:
    """An option (chosen by another officer and waiting for the SPO's agreement, so that the
    agreement's form can be posted), provided by `provider` (so that it can be sent to them),
    and a barrier."""
    option = services.add_option(
        user=com,
        person=person,
        new=services.NewOption.from_cleaned(
            {
                "kind": "accommodation",
                "title": "Mother's flat",
                "address": "1 Fuzz Road",
                "accommodation_type": "family or partner",
                "postcode": "NB1 1AA",
                "provider": provider,
            }
        ),
    )
    barrier = services.record_barrier(
        user=com, person=person, data={"kind": "community", "description": "Petition"}
    )
    return {"option": option, "barrier": barrier}


def url_values(world: dict[str, Any]) -> dict[str, Any]:
    return {
        "option_id": world["option"].pk,
        "barrier_id": world["barrier"].pk,
        "option_kind": "accommodation",
    }


def _page(name: str) -> str:
    return f"planning:{name}"


# The form is named by the URL it posts to (its own page, for each of these).
FORMS: dict[str, Any] = {}


def forms(fuzzed: Any) -> dict[str, Any]:
    """The planning forms, as `tests.fuzz_forms.Fuzzed` (passed in, to avoid a cycle)."""
    return {
        _page("option-create"): fuzzed(
            _page("option-create"),
            "com",
            lambda w: {
                "kind": "accommodation",
                "title": "Brother's house",
                "address": "4 Elm Row",
                "accommodation_type": "family or partner",
                "postcode": "NB2 1AA",
                "household": "His brother",
            },
        ),
        _page("option-evaluate"): fuzzed(
            _page("option-evaluate"),
            "com",
            lambda w: {
                "p25_1_rating": "for",
                "p25_1_evidence": "Far from the victim",
                **_source(w),
            },
        ),
        _page("option-choose"): fuzzed(
            _page("option-choose"), "com", lambda w: {"reasoning": "Family support and near work"}
        ),
        _page("option-reject"): fuzzed(
            _page("option-reject"),
            "com",
            lambda w: {"reasoning": "No room before the release date"},
        ),
        _page("option-agree"): fuzzed(
            _page("option-agree"),
            "spo",
            lambda w: {"decision": "decline", "comments": "The victim lives two streets away"},
        ),
        _page("option-advice"): fuzzed(
            _page("option-advice"),
            "com",
            lambda w: {
                "specialism": "management oversight",
                "ask_of": "colleague",
                "adviser": str(w["users"]["spo"].pk),
                "question": "Is the flat suitable?",
            },
        ),
        _page("barrier-create"): fuzzed(
            _page("barrier-create"),
            "com",
            lambda w: {
                "kind": "organisational",
                "description": "No bed before release",
                "challenge": "Asked the area manager",
                "challenged_by": "The COM",
            },
        ),
        _page("barrier"): fuzzed(
            _page("barrier"),
            "com",
            lambda w: {
                "challenge": "Escalated",
                "challenged_by": "The SPO",
                "outcome": "Bed found",
            },
        ),
        _page("restriction-create"): fuzzed(
            _page("restriction-create"),
            "com",
            lambda w: {
                "kind": "exclusion area",
                "area": "NB9",
                "details": "Court order",
                **_source(w),
            },
        ),
        _page("consultation-create"): fuzzed(
            _page("consultation-create"),
            "com",
            lambda w: {"summary": "The victim asks that NB1 be avoided", **_source(w)},
        ),
    }


__all__ = ["MODELS", "Role", "forms", "plant", "url_values"]
