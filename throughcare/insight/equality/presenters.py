"""What the equality and fairness pages (and the analysts' HTML file) show: the figures as
the GOV.UK table component's parameters."""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe

from throughcare.insight import groups, measures

from . import fairness as fairness_figures
from . import figures


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


def fairness_context(found: fairness_figures.Report) -> dict[str, Any]:
    """What the fairness page and the analysts' HTML file show."""
    from throughcare.insight import validation

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
