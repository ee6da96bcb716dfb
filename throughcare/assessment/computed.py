"""What an assessment's submission computes and stores with the version (its "computed" part
of the content), so that a score can be explained years later without recomputing it: the
OGRS3 inputs, result, terms and instrument version; the risk of serious harm levels and the
overall level; the judgement and whether it departs from the band; MARAC reasons.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from .rules.rosh import Level
from .sections.headline import RecordFacts, headline, ogrs3_inputs

SECTION = "computed"


def compute(content: Mapping[str, Any], facts: RecordFacts, today: date) -> dict[str, Any]:
    found = headline(content, facts, today)
    result = found.ogrs3
    stored: dict[str, Any] = {
        "assessed_on": today.isoformat(),
        "rosh_overall": found.overall.key if found.overall else "",
        "ogrs3": ogrs3_inputs(content, facts, today),
        "ogrs3_problem": found.ogrs3_problem,
        "ogrs3_band": result.band if result else "",
        "ogrs3_one_year": result.one_year if result else None,
        "ogrs3_two_year": result.two_year if result else None,
        "ogrs3_terms": [[term.label, term.detail, term.value] for term in result.terms]
        if result
        else [],
        "judged": found.judged or "",
        "departs": found.departs,
        "marac": list(found.marac_reasons),
    }
    return stored


def overall_level(stored: Mapping[str, Any]) -> Level | None:
    key = stored.get("rosh_overall") or ""
    return Level.from_key(key) if key else None
