"""When a domestic abuse case is referred to a multi-agency risk assessment conference
(MARAC), from the DASH result and what else is known (risk.md, "Domestic abuse").

- visible high risk: 14 or more "yes" answers; professional judgement never downgrades it;
- professional judgement alone;
- potential escalation: 3 or more domestic abuse incidents in twelve months (local thresholds
  vary; this is the common one);
- suspected honour-based abuse, forced marriage or female genital mutilation, whatever the count.
"""

from __future__ import annotations

VISIBLE_HIGH_RISK = 14
POTENTIAL_ESCALATION_INCIDENTS = 3


def _count(name: str, value: int | None) -> int | None:
    if value is not None and value < 0:
        raise ValueError(f"{name} cannot be negative")
    return value


def marac_reasons(
    *,
    yes_answers: int | None,
    incidents_in_12_months: int | None,
    professional_judgement: bool,
    honour_based_abuse: bool,
    forced_marriage: bool,
    fgm: bool,
) -> list[str]:
    """The plain-English reasons a MARAC referral is due; [] when none is."""
    yes = _count("yes_answers", yes_answers)
    incidents = _count("incidents_in_12_months", incidents_in_12_months)
    reasons = []
    if yes is not None and yes >= VISIBLE_HIGH_RISK:
        reasons.append(
            f"Visible high risk: {yes} \u201cyes\u201d answers on the DASH checklist "
            f"({VISIBLE_HIGH_RISK} or more). Professional judgement must not be used to "
            "downgrade this"
        )
    if professional_judgement:
        reasons.append("Professional judgement: a referral is judged necessary")
    if incidents is not None and incidents >= POTENTIAL_ESCALATION_INCIDENTS:
        reasons.append(
            f"Potential escalation: {incidents} domestic abuse incidents in the last 12 months "
            f"({POTENTIAL_ESCALATION_INCIDENTS} or more)"
        )
    for suspected, what in (
        (honour_based_abuse, "honour-based abuse"),
        (forced_marriage, "forced marriage"),
        (fgm, "female genital mutilation"),
    ):
        if suspected:
            reasons.append(f"Suspected {what}: referred whatever the count")
    return reasons
