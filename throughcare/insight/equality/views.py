"""The senior probation officer's equality and fairness pages under /team/, and their CSV
exports. Only with `UserAction.TEAM_FIGURES` (403 otherwise); the figures are of the released
people of the user's team (`cohort.members`, through the access policy). A page of aggregate
figures is recorded as one consultation of its kind, with no person; an export as one
disclosure to the user who downloaded it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import select_template
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from throughcare.access import policy
from throughcare.access.models import User
from throughcare.audit import services as audit
from throughcare.audit.models import Operation, RecordType
from throughcare.core import clock
from throughcare.insight import cohort, groups, measures, validation
from throughcare.ui.spreadsheet import csv_lines

from . import fairness as fairness_figures
from . import figures

NAV_SECTION = "team"


def _figures_user(request: HttpRequest) -> User:
    user = policy.signed_in_user(request)
    if not policy.may(user, policy.UserAction.TEAM_FIGURES):
        raise PermissionDenied
    return user


def subnav() -> Any:
    """The team pages' sub-navigation (`insight/subnav.html`, made with the team view), or
    nothing while it is not there."""
    return select_template(["insight/subnav.html", "insight_equality/_no_subnav.html"])


def _numeric(text: str) -> dict[str, str]:
    return {"text": text, "format": "numeric"}


def table_params(table: figures.Table) -> dict[str, Any]:
    head = [{"text": "Group"}, _numeric("People")] + [_numeric(c) for c in table.columns]
    rows = [
        [{"text": row.group}, _numeric(row.people.text)]
        + [_numeric(cell.text) for cell in row.cells]
        for row in table.rows
    ]
    return {
        "caption": table.caption,
        "captionClasses": "govuk-table__caption--s",
        "head": head,
        "rows": rows,
        "firstCellIsHeader": True,
        "classes": "tc-figures-table",
    }


def _csv(rows: Iterable[list[str]], name: str) -> HttpResponse:
    response = HttpResponse("".join(csv_lines(rows)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-{clock.today().isoformat()}.csv"'
    )
    response["Cache-Control"] = "no-store"
    return response


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
    user = _figures_user(request)
    members = cohort.members(user, clock.today())
    audit.record(
        user=user, operation=Operation.CONSULTATION, record_type=RecordType.EQUALITY_REPORT
    )
    found = figures.tables(members)
    by_characteristic: dict[str, list[dict[str, Any]]] = {}
    for table in found:
        by_characteristic.setdefault(table.characteristic, []).append(table_params(table))
    return render(
        request,
        "insight_equality/equality.html",
        {
            "nav_section": NAV_SECTION,
            "subnav": subnav(),
            "subnav_current": "equality",
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
    user = _figures_user(request)
    members = cohort.members(user, clock.today())
    _disclosed(user, "equality monitoring")
    return _csv(figures.csv_rows(figures.tables(members)), "equality-monitoring")


def fairness_context(found: fairness_figures.Report) -> dict[str, Any]:
    """What the fairness page and the analysts' HTML file show."""

    def table(caption: str, items: list[fairness_figures.Judged]) -> dict[str, Any]:
        rows: list[list[dict[str, Any]]] = []
        for judged in items:
            values = fairness_figures.cells(judged)
            if judged.figures is None:
                rows.append(
                    [
                        {"text": judged.label},
                        _numeric(values[0]),
                        {
                            "text": "Too small to judge",
                            "colspan": len(fairness_figures.COLUMNS) - 1,
                        },
                    ]
                )
            else:
                rows.append([{"text": judged.label}] + [_numeric(v) for v in values])
        return {
            "caption": caption,
            "captionClasses": "govuk-table__caption--s",
            "head": [{"text": "Group"}] + [_numeric(c) for c in fairness_figures.COLUMNS],
            "rows": rows,
            "firstCellIsHeader": True,
            "classes": "tc-figures-table",
        }

    everyone = found.everyone
    return {
        "small": measures.SMALL_GROUP,
        "each_outcome": validation.MIN_EACH_OUTCOME,
        "too_small": groups.TOO_SMALL,
        "released": found.released,
        "everyone_shown": everyone.figures is not None,
        "everyone_auc": None if everyone.figures is None else everyone.figures["auc"],
        "threshold_words": fairness_figures.THRESHOLD_WORDS,
        "threshold_why": fairness_figures.THRESHOLD_WHY,
        "outcome_words": fairness_figures.OUTCOME_WORDS,
        "everyone_table": table("Everyone whose outcome is known", [everyone]),
        "breakdowns": [
            {
                "heading": b.heading,
                "table": table(f"By {b.heading.lower()}", list(b.groups)),
                # escaped where they were made (`validation_html.auc_comparison`)
                "points": [mark_safe(point) for point in b.points],  # noqa: S308
            }
            for b in found.breakdowns
        ],
    }


@require_GET
def fairness(request: HttpRequest) -> HttpResponse:
    user = _figures_user(request)
    members = cohort.members(user, clock.today())
    audit.record(
        user=user, operation=Operation.CONSULTATION, record_type=RecordType.FAIRNESS_REPORT
    )
    context = fairness_context(fairness_figures.report(members))
    context.update(nav_section=NAV_SECTION, subnav=subnav(), subnav_current="fairness")
    return render(request, "insight_equality/fairness.html", context)


@require_GET
def fairness_csv(request: HttpRequest) -> HttpResponse:
    user = _figures_user(request)
    members = cohort.members(user, clock.today())
    _disclosed(user, "fairness")
    return _csv(fairness_figures.csv_rows(fairness_figures.report(members)), "fairness")
