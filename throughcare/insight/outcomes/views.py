"""The team's outcomes (issue 16 point 2), for the senior probation officer (`TEAM_FIGURES`):
`/team/outcomes/`, each measure's monthly trend as a chart with its data table, and
`/team/outcomes.csv`, the monthly tables as a file. Figures only, never a person: the page is
audited as one consultation of the outcomes report, the file as one disclosure."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from throughcare.audit import services as audit
from throughcare.audit.models import Operation, RecordType
from throughcare.core import clock
from throughcare.insight import cohort, measures, pages

from . import report as outcomes


@require_GET
def report(request: HttpRequest) -> HttpResponse:
    user = pages.figures_user(request)
    today = clock.today()
    reports = outcomes.report(cohort.members(user, today), today)
    audit.record(
        user=user,
        operation=Operation.CONSULTATION,
        record_type=RecordType.OUTCOMES_REPORT,
        reason="The team's outcomes after release, by month",
    )
    return render(
        request,
        "insight_outcomes/report.html",
        {
            "nav_section": pages.NAV_SECTION,
            "today": today,
            "small_group": measures.SMALL_GROUP,
            "sections": [
                {"report": found, "chart": found.chart(), "notes": found.notes()}
                for found in reports
            ],
        },
    )


@require_GET
def csv(request: HttpRequest) -> HttpResponse:
    user = pages.figures_user(request)
    today = clock.today()
    reports = outcomes.report(cohort.members(user, today), today)
    audit.record(
        user=user,
        operation=Operation.DISCLOSURE,
        record_type=RecordType.INSIGHT_EXPORT,
        reason="The team's outcomes after release by month (CSV) to the user who downloaded it",
    )
    return pages.csv_response(outcomes.csv_rows(reports), "outcomes")
