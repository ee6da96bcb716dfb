"""Pure rules of the release (no Django, no clock: the caller passes today).

`handover_due`: when the prison offender manager's handover to the community offender manager
is due, after HMPPS's public Manage POM Cases rule (ministryofjustice/offender-management-
allocation-manager, app/services/handover_date_service.rb, `nps_handover_date` and
`nps_start_date`) for the cases the record can describe:

- an indeterminate sentence: the release date (the parole eligibility date) less 8 months;
- a determinate sentence with a parole eligibility date: that date less 8 months;
- MAPPA level 2 or 3: the earlier of CRD and ARD less 7 months 15 days, but not before today;
- MAPPA level 1, or not known: the HDC approved date if there is one, otherwise the earlier of
  (the earlier of CRD and ARD less 4 months 15 days) and the HDC eligibility date;
- never earlier than the handover's start date (the parole eligibility date less 8 months, or
  the earlier of CRD and ARD less 7 months 15 days).

Not modelled (the record does not hold them): early allocation, open prisons, recall and
immigration cases, the policy start dates and the older CRC rule.

`gaps`: what the day-of-release checklist still lacks.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

INDETERMINATE = ("life", "ipp")


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day if it has none),
    as Ruby's `date - n.months` does."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class SentenceDates:
    sentence_type: str = ""
    ped: date | None = None
    crd: date | None = None
    ard: date | None = None
    hdced: date | None = None
    hdcad: date | None = None
    mappa_level: str = ""  # "1", "2", "3" or "" (not known)


def _earliest(*days: date | None) -> date | None:
    found = [d for d in days if d is not None]
    return min(found) if found else None


def _start(dates: SentenceDates) -> date | None:
    if dates.ped is not None:
        return months_before(dates.ped, 8)
    earliest = _earliest(dates.crd, dates.ard)
    return months_before(earliest, 7) - timedelta(days=15) if earliest else None


def handover_due(dates: SentenceDates, today: date) -> date | None:
    """The date the handover is due (None: no release date to count back from)."""
    if dates.sentence_type in INDETERMINATE:
        return months_before(dates.ped, 8) if dates.ped else None
    if dates.ped is not None:
        return months_before(dates.ped, 8)
    earliest = _earliest(dates.crd, dates.ard)
    due: date | None
    if dates.mappa_level in ("2", "3"):
        if earliest is None:
            return None
        due = max(today, months_before(earliest, 7) - timedelta(days=15))
    elif dates.hdcad is not None:
        due = dates.hdcad
    else:
        counted = months_before(earliest, 4) - timedelta(days=15) if earliest else None
        due = _earliest(counted, dates.hdced)
    if due is None:
        return None
    start = _start(dates)
    return start if start is not None and start > due else due


IN_PLACE, NOT_NEEDED = "in place", "not needed"


def gaps(
    statuses: Mapping[str, str], labels: Mapping[str, str], has_appointment: bool
) -> list[str]:
    """The labels of the needs neither in place nor not needed, and the first appointment if
    it is not set."""
    missing = [
        label for key, label in labels.items() if statuses.get(key) not in (IN_PLACE, NOT_NEEDED)
    ]
    if not has_appointment:
        missing.append("The first appointment")
    return missing


FLAG_DAYS = 14


def checklist_due(release_date: date | None, today: date) -> bool:
    """Whether the release is close enough for a missing need to be flagged: within 14 days."""
    return release_date is not None and today <= release_date <= today + timedelta(days=FLAG_DAYS)
