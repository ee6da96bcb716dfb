"""Plain rules about people and sentences: identifiers, key release dates, whether a person's
dates hang together. The rules about dates in general are in `throughcare.rules.dates`.

No Django here: these take values and return values, so they can be checked on their own.
Sources: ../shared/domain/practice.md (identifiers, key dates and which one is shown).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from throughcare.rules import dates as date_rules
from throughcare.rules.dates import birthday, is_plausible, long_date

CRN_RE = re.compile(r"^[A-Z][0-9]{6}$")
PRISON_NUMBER_RE = re.compile(r"^[A-Z][0-9]{4}[A-Z]{2}$")
# PNC number: four-digit year, a slash, up to seven digits of serial number and a check letter.
PNC_RE = re.compile(r"^(?P<year>[0-9]{4})/(?P<serial>[0-9]{1,7})(?P<check>[A-Z])$")

# The key dates a sentence may carry (create-and-vary-a-licence-api LicenceDateType), with the
# two extra dates that decide the displayed release date.
KEY_DATES: dict[str, str] = {
    "confirmed_release_date": "Confirmed release date",
    "actual_parole_date": "Actual parole date",
    "sed": "Sentence expiry date (SED)",
    "crd": "Conditional release date (CRD)",
    "ard": "Automatic release date (ARD)",
    "ped": "Parole eligibility date (PED)",
    "hdced": "Home detention curfew eligibility date (HDCED)",
    "hdcad": "Home detention curfew approved date (HDCAD)",
    "lsd": "Licence start date (LSD)",
    "led": "Licence expiry date (LED)",
    "sled": "Sentence and licence expiry date (SLED)",
    "tused": "Top-up supervision expiry date (TUSED)",
    "prrd": "Post-recall release date (PRRD)",
    "rotl": "Release on temporary licence date (ROTL)",
}

# First that exists is the one shown as "release date".
RELEASE_DATE_ORDER = ("confirmed_release_date", "actual_parole_date", "hdcad", "crd", "ard")
RELEASE_DATE_SOURCE = {
    "confirmed_release_date": "confirmed release date",
    "actual_parole_date": "actual parole date",
    "hdcad": "home detention curfew approved date",
    "crd": "conditional release date",
    "ard": "automatic release date",
}

# Nobody under the age of criminal responsibility in England and Wales, 10, can be convicted,
# sentenced or held in prison. The domain notes (practice.md) say nothing about the ages at
# which a custodial sentence or an adult prison is possible, so this is the conservative
# minimum (ogrs3.md likewise treats a first sanction before 10 as impossible): it refuses the
# dates that cannot be right, never one that might be.
MIN_AGE = 10


def normalise_identifier(value: str) -> str:
    """Upper case with spaces removed: identifiers are compared in this form."""
    return re.sub(r"\s+", "", value or "").upper()


def is_valid_crn(value: str) -> bool:
    return bool(CRN_RE.match(value))


def is_valid_prison_number(value: str) -> bool:
    return bool(PRISON_NUMBER_RE.match(value))


def normalise_pnc(value: str) -> str:
    """Writes a PNC number in its long form, the serial padded to seven digits:
    2012/52494X becomes 2012/0052494X. A value not in PNC form is returned upper-cased."""
    value = normalise_identifier(value)
    match = PNC_RE.match(value)
    if not match:
        return value
    return f"{match['year']}/{int(match['serial']):07d}{match['check']}"


def is_valid_pnc(value: str) -> bool:
    return bool(PNC_RE.match(value))


@dataclass(frozen=True)
class ShownDate:
    value: date
    source: str


def release_date(dates: Mapping[str, date | None]) -> ShownDate | None:
    """The date shown as "release date": the first that exists of confirmed release date,
    actual parole date, HDC approved date, conditional release date, automatic release date."""
    for key in RELEASE_DATE_ORDER:
        value = dates.get(key)
        if value:
            return ShownDate(value, RELEASE_DATE_SOURCE[key])
    return None


def eligibility_date(dates: Mapping[str, date | None]) -> ShownDate | None:
    """The eligibility date shown: the earlier of parole eligibility and HDC eligibility."""
    candidates = [
        ShownDate(value, source)
        for key, source in (("ped", "parole eligibility date"), ("hdced", "HDC eligibility date"))
        if (value := dates.get(key))
    ]
    return min(candidates, key=lambda shown: shown.value) if candidates else None


def latest_birth_date(on: date, years: int = MIN_AGE) -> date:
    """The latest date of birth of someone at least `years` old (by default MIN_AGE) on the day
    `on`."""
    return date_rules.latest_birth_date(on, years)


def _too_young(what: str, value: date, birth_date: date | None) -> str | None:
    if birth_date and value < birthday(birth_date, MIN_AGE):
        tenth = long_date(birthday(birth_date, MIN_AGE))
        return f"{what} must be on or after their {MIN_AGE}th birthday, {tenth}"
    return None


def sentence_date_problems(
    *,
    sentence_date: date | None,
    birth_date: date | None,
    key_dates: Mapping[str, date | None],
    today: date,
) -> dict[str, str]:
    """Problems with a sentence's dates, as {field: message}; empty when they hang together."""
    problems: dict[str, str] = {}
    all_dates = {"sentence_date": sentence_date, **key_dates}
    for field, value in all_dates.items():
        if value and not is_plausible(value, today):
            problems[field] = "Enter a date within 100 years of today"
    if sentence_date and "sentence_date" not in problems:
        if sentence_date > today:
            problems["sentence_date"] = "Date of sentence must be today or in the past"
        elif problem := _too_young("Date of sentence", sentence_date, birth_date):
            problems["sentence_date"] = problem
        for field, value in key_dates.items():
            if field in problems or not value or field == "rotl":
                continue
            if value < sentence_date:
                label = KEY_DATES[field].split(" (")[0]
                problems[field] = f"{label} must be on or after the date of sentence"
    ped, hdced, sed = key_dates.get("ped"), key_dates.get("hdced"), key_dates.get("sed")
    for field, value in (("crd", key_dates.get("crd")), ("ped", ped), ("hdced", hdced)):
        if value and sed and value > sed and field not in problems:
            label = KEY_DATES[field].split(" (")[0]
            problems[field] = f"{label} must be on or before the sentence expiry date"
    return problems


def conviction_date_problem(
    *, conviction_date: date | None, birth_date: date | None, today: date
) -> str | None:
    """Why a conviction date cannot be right, or None."""
    if not conviction_date:
        return None
    if not is_plausible(conviction_date, today):
        return "Enter a date within 100 years of today"
    if conviction_date > today:
        return "Date of conviction must be today or in the past"
    return _too_young("Date of conviction", conviction_date, birth_date)


def birth_date_problem(
    birth_date: date | None,
    today: date,
    *,
    in_prison: bool = False,
    has_prison_number: bool = False,
    convicted_on: date | None = None,
    sentenced_on: date | None = None,
) -> str | None:
    """Why a date of birth cannot be right, or None. Someone in prison, with a prison number,
    convicted or sentenced was at least MIN_AGE then: a date of birth that makes them a child
    at that time is a mistake."""
    if not birth_date:
        return None
    if not is_plausible(birth_date, today):
        return "Enter a date of birth within the last 100 years"
    if birth_date >= today:
        return "Date of birth must be in the past"
    # The day by which they were at least MIN_AGE, and how we know: the earliest is strictest.
    reasons: list[tuple[date, str]] = []
    if convicted_on:
        reasons.append((convicted_on, f"they were convicted on {long_date(convicted_on)}"))
    if sentenced_on:
        reasons.append((sentenced_on, f"they were sentenced on {long_date(sentenced_on)}"))
    if in_prison:
        reasons.append((today, f"nobody under {MIN_AGE} can be in prison"))
    elif has_prison_number:
        reasons.append((today, f"nobody under {MIN_AGE} can have a prison number"))
    for day, reason in sorted(reasons, key=lambda item: item[0]):
        latest = latest_birth_date(day)
        if birth_date > latest:
            return f"Date of birth must be on or before {long_date(latest)}: {reason}"
    return None


def name_key(given_name: str, family_name: str) -> str:
    """One other name in the form that says whether two are the same: compatibility
    characters folded (NFKC), case folded (so 'STRASSE' matches 'Straße'), spaces collapsed."""

    def fold(part: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", part).casefold().split())

    return f"{fold(given_name)}\x1f{fold(family_name)}"


def other_names(aliases: Iterable[tuple[str, str]]) -> str:
    """A person's other names as `Person.other_names` holds them, for search: each (first name,
    last name) as "first last", one a line, in the order given. A word searched for holds no
    space, so it never matches across two names."""
    return "\n".join(" ".join(part for part in name if part) for name in aliases)
