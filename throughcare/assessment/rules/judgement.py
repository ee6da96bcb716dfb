"""The likelihood of reoffending: the practitioner's judgement against the actuarial band
(OGRS3's band words). A judgement that departs from the band needs a written reason (standard
K8, K17); with no band (not calculable) there is nothing to depart from."""

from __future__ import annotations

BANDS = ("Low", "Medium", "High", "Very high")


def _rank(band: str | None) -> int | None:
    if band is None or band == "":
        return None
    if band not in BANDS:
        raise ValueError(f"{band!r} is not a band: {BANDS!r}")
    return BANDS.index(band)


def departs(actuarial_band: str | None, judged: str | None) -> bool:
    """Whether the judged band differs from the actuarial one (both known)."""
    return direction(actuarial_band, judged) != ""


def direction(actuarial_band: str | None, judged: str | None) -> str:
    """ "higher" or "lower" where the judgement departs from the band; "" where it does not."""
    actuarial, judgement = _rank(actuarial_band), _rank(judged)
    if actuarial is None or judgement is None or actuarial == judgement:
        return ""
    return "higher" if judgement > actuarial else "lower"
