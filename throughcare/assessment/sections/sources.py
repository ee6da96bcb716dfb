"""Gathering (P16, P17): the facts the sufficiency check needs, why the assessment can go ahead
without a source, and the case summary that structures what was gathered."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from throughcare.assessment.rules.sufficiency import Facts
from throughcare.ui.forms import BaseForm, long_text

from .common import NO, YES, yes_no


class SourcesForm(BaseForm):
    """The facts that decide which sources a valid assessment needs (P17). The findings (what
    is present, missing or out of date) are shown above the questions."""

    partner_or_ex_partner = yes_no(
        "Do they have a partner or an ex-partner?",
        known=True,
        hint="If yes or not known, police domestic abuse information is needed",
        error="Select whether they have a partner or an ex-partner",
    )
    children_in_contact = yes_no(
        "Are they in contact with children?",
        known=True,
        hint="If yes or not known, information from children's services is needed",
        error="Select whether they are in contact with children",
    )
    attended_programmes = yes_no(
        "Did they attend programmes in custody?",
        known=True,
        hint="If yes or not known, the programme results are needed",
        error="Select whether they attended programmes in custody",
    )
    why_go_ahead = long_text(
        "If a source is missing or out of date, why the assessment can go ahead",
        required=False,
        hint=(
            "For example, the request was made and chased and the release date cannot wait. "
            "You will need to give a reason when you submit if a source is still missing"
        ),
        rows=4,
    )


def _known(value: Any) -> bool | None:
    return True if value == YES else False if value == NO else None


def facts_from(values: Mapping[str, Any]) -> Facts:
    """The sufficiency rules' facts from the section's saved answers ("not known" and
    unanswered both count as unknown, so the source is looked for)."""
    return Facts(
        partner_or_ex_partner=_known(values.get("partner_or_ex_partner")),
        children_in_contact=_known(values.get("children_in_contact")),
        attended_programmes=_known(values.get("attended_programmes")),
    )


class SummaryForm(BaseForm):
    """P16: what was gathered, summarised and structured so that it aids the analysis."""

    offence = long_text(
        "The current offence",
        hint="What happened, who was harmed and how, and what the person says about it",
    )
    history = long_text(
        "Their previous offending and any pattern in it",
        required=False,
        hint="Leave blank if this is their first offence",
    )
    circumstances = long_text(
        "Their circumstances now",
        hint="Where they will live, their relationships, work, health, money",
    )
    custody = long_text(
        "How they have spent their time in custody",
        required=False,
        hint="Behaviour, programmes and work, adjudications, visits",
    )
    conflicts = long_text(
        "Where the sources disagree, and what you make of it",
        required=False,
        hint="Leave blank if they agree",
        rows=3,
    )
