"""The Northbridge team's history of releases (`demo.history`): everyone released within the
past 24 months by the team's COMs, with an assessment scored and outcomes at about the rates
asked for; groups both large and small; the OGRS3 score discriminating about as well as it
does nationally; written through the audit chain; the named demo people left alone."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from throughcare.access.models import User
from throughcare.audit.models import AuditEvent, RecordType
from throughcare.audit.verify import verify_chain
from throughcare.core import clock
from throughcare.demo import builder, history, stages
from throughcare.insight import cohort, measures
from throughcare.people.models import Person
from throughcare.planning.release.models import Outcome, Release

pytestmark = pytest.mark.django_db


def _auc(pairs: list[tuple[float, bool]]) -> float:
    """The chance a person who reoffended scored higher than one who did not (ties half)."""
    yes = [score for score, happened in pairs if happened]
    no = [score for score, happened in pairs if not happened]
    wins = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a in yes for b in no)
    return wins / (len(yes) * len(no))


def test_the_history_gives_the_team_figures_to_show() -> None:
    builder.ensure_service()
    named = stages.add_stages()
    assert history.add_history() == history.PEOPLE
    today = clock.today()
    coms = set(User.objects.filter(email__in=history.COMS).values_list("pk", flat=True))
    released = Person.objects.filter(release__isnull=False).exclude(
        pk__in=[p.pk for p in named.values()]
    )
    assert released.count() == history.PEOPLE
    assert set(released.values_list("com_id", flat=True)) == coms
    assert not released.filter(prison__isnull=False).exists()
    days = [r.released_on for r in Release.objects.filter(person__in=released)]
    assert min(days) >= today - timedelta(days=history.MONTHS * 366 // 12) and max(days) < today
    assert Outcome.objects.filter(person__in=released).count() == history.PEOPLE
    # Each release and outcome audited as collected, and the chain still holds.
    for record_type in (RecordType.RELEASE_OUTCOME, RecordType.RELEASE):
        assert AuditEvent.objects.filter(record_type=record_type).count() >= history.PEOPLE
    checked, finding = verify_chain()
    assert finding is None and checked > history.PEOPLE

    spo = User.objects.get(email=stages.SPO)
    members = [
        m for m in cohort.members(spo, today) if m.person_id not in {p.pk for p in named.values()}
    ]
    assert len(members) == history.PEOPLE
    smallest = []
    for characteristic, _ in cohort.CHARACTERISTICS:
        sizes = Counter(getattr(m, characteristic) for m in members).values()
        assert max(sizes) >= measures.SMALL_GROUP, characteristic
        smallest.append(min(sizes))
    # Groups large enough to judge, and small ones the pages must suppress.
    assert sum(size < measures.SMALL_GROUP for size in smallest) >= 3
    assert all(m.ogrs3_two_year is not None and m.ogrs3_band for m in members)

    def share(key: str) -> float:
        found = measures.rate([m.outcomes[key] for m in members])
        assert found.share is not None
        return found.share

    assert 0.3 <= share("settled_first_night") <= 0.5
    assert 0.06 <= share("in_work_at_six_weeks") <= 0.16
    assert 0.2 <= share("recalled_year") <= 0.4
    assert 0.06 <= share("recalled_28_days") <= 0.18
    # A new offence within a year, for those whose 18 months have passed.
    waited = measures.add_months(today, -18)
    pairs = [
        (m.ogrs3_two_year or 0.0, bool(m.outcomes["reoffended_year"]))
        for m in members
        if m.released_on <= waited
    ]
    assert len(pairs) >= 40
    assert 0.6 <= _auc(pairs) <= 0.85
