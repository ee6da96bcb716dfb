"""The senior probation officer's equality and fairness pages under /team/, and their CSV
exports. Only with `UserAction.TEAM_FIGURES` (403 otherwise); the figures are of the released
people of the user's team (`cohort.members`, through the access policy). A page of aggregate
figures is recorded as one consultation of its kind, with no person; an export as one
disclosure to the user who downloaded it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from throughcare.access.models import User
from throughcare.audit import services as audit
from throughcare.audit.models import Operation, RecordType
from throughcare.core import clock
from throughcare.insight import cohort, groups, measures, pages

from . import fairness as fairness_figures
from . import figures, presenters


def _disclosed(user: User, what: str) -> None:
    audit.record(
        user=user,
        operation=Operation.DISCLOSURE,
        record_type=RecordType.INSIGHT_EXPORT,
        record_id=what,
        recipient=user.email,
        reason=f"{what.capitalize()} figures (CSV) to the user who downloaded them",
    )


@require_GET
def equality(request: HttpRequest) -> HttpResponse:
    user = pages.figures_user(request)
    members = cohort.members(user, clock.today())
    audit.record(
        user=user, operation=Operation.CONSULTATION, record_type=RecordType.EQUALITY_REPORT
    )
    found = figures.tables(members)
    by_characteristic: dict[str, list[dict[str, Any]]] = {}
    for table in found:
        by_characteristic.setdefault(table.characteristic, []).append(
            presenters.table_params(table)
        )
    return render(
        request,
        "insight_equality/equality.html",
        {
            "nav_section": pages.NAV_SECTION,
            "released": len(members),
            "small": measures.SMALL_GROUP,
            "too_small": groups.TOO_SMALL,
            "protected": groups.PROTECTED,
            "few_known": figures.FEW_KNOWN,
            "characteristics": list(by_characteristic.items()),
        },
    )


@require_GET
def equality_csv(request: HttpRequest) -> HttpResponse:
    user = pages.figures_user(request)
    members = cohort.members(user, clock.today())
    _disclosed(user, "equality monitoring")
    return pages.csv_response(figures.csv_rows(figures.tables(members)), "equality-monitoring")


@require_GET
def fairness(request: HttpRequest) -> HttpResponse:
    user = pages.figures_user(request)
    members = cohort.members(user, clock.today())
    audit.record(
        user=user, operation=Operation.CONSULTATION, record_type=RecordType.FAIRNESS_REPORT
    )
    context = presenters.fairness_context(fairness_figures.report(members))
    context.update(nav_section=pages.NAV_SECTION)
    return render(request, "insight_equality/fairness.html", context)


@require_GET
def fairness_csv(request: HttpRequest) -> HttpResponse:
    user = pages.figures_user(request)
    members = cohort.members(user, clock.today())
    _disclosed(user, "fairness")
    return pages.csv_response(
        fairness_figures.csv_rows(fairness_figures.report(members)), "fairness"
    )
