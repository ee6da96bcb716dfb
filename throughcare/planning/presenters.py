"""The Options section's tables and summary lists, as component parameters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join, linebreaks

from throughcare.assessment.rules.rosh import CELLS
from throughcare.assessment.sections.harm import GROUP_WORDS, SETTING_WORDS
from throughcare.casework.interview.questions import PATHWAYS
from throughcare.record.presenters import long_date

from .models import Criterion, Evaluation, Option, OptionKind

if TYPE_CHECKING:
    from .facts import AssessmentFacts
    from .models import Barrier
    from .queries import Shown

STATUS_COLOURS = {
    Option.Status.CONSIDERING: "blue",
    Option.Status.AWAITING_AGREEMENT: "yellow",
    Option.Status.CHOSEN: "green",
    Option.Status.REJECTED: "grey",
}
RATING_COLOURS = {"for": "green", "mixed": "yellow", "against": "red"}


def tag(colour: str, text: str) -> str:
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


def status_tag(option: Option) -> str:
    return tag(STATUS_COLOURS[Option.Status(option.status)], option.get_status_display())


def conflicts_html(shown: list[Shown]) -> str:
    if not shown:
        return "None found"
    return format_html(
        '<ul class="govuk-list">{}</ul>',
        format_html_join(
            "", "<li>{} {}</li>", ((tag("red", "Conflict"), s.message) for s in shown)
        ),
    )


def _row(key: str, value: Any, html: bool = False) -> dict[str, Any]:
    text = value if value not in (None, "") else "Not recorded"
    return {"key": {"text": key}, "value": {"html" if html else "text": text}}


def option_rows(option: Option, shown: list[Shown]) -> list[dict[str, Any]]:
    rows = [
        _row("Status", status_tag(option), html=True),
        _row("Kind", option.get_kind_display()),
        _row("Conflicts", conflicts_html(shown), html=True),
        _row("Partner organisation", option.provider.name if option.provider else ""),
    ]
    if option.description:
        rows.append(_row("Details", linebreaks(option.description), html=True))
    if option.is_accommodation:
        rows += [
            _row("Type of accommodation", option.get_accommodation_type_display()),
            _row("Address", linebreaks(option.address), html=True),
            _row("Postcode", option.postcode),
            _row(
                "Who lives there",
                linebreaks(option.household) if option.household else "",
                html=bool(option.household),
            ),
            _row(
                "Children live at or visit the address",
                "Yes" if option.household_children else "No",
            ),
        ]
    if option.area or option.kind == OptionKind.AREA:
        rows.append(_row("Named area", option.area))
    if option.decided_at:
        who = option.decided_by.full_name if option.decided_by else ""
        verb = "Rejected" if option.status == Option.Status.REJECTED else "Chosen"
        rows.append(_row(f"{verb}", f"{long_date(timezone.localdate(option.decided_at))} by {who}"))
        rows.append(_row("Reasoning", linebreaks(option.reasoning), html=True))
    if option.conflict_reason:
        rows.append(
            _row("Why chosen despite the conflicts", linebreaks(option.conflict_reason), html=True)
        )
    if option.agreed_at:
        who = option.agreed_by.full_name if option.agreed_by else ""
        rows.append(
            _row(
                "Senior probation officer",
                f"{long_date(timezone.localdate(option.agreed_at))} by {who}",
            )
        )
        if option.agreement_comments:
            rows.append(_row("Their comments", linebreaks(option.agreement_comments), html=True))
    return rows


def evaluations_table(option: Option) -> dict[str, Any]:
    by_point = {e.criterion: e for e in option.evaluations.all()}
    rows = []
    for criterion, label in Criterion.choices:
        found: Evaluation | None = by_point.get(criterion)
        rows.append(
            [
                {"text": f"{criterion}: {label}"},
                {"html": tag(RATING_COLOURS[found.rating], found.get_rating_display())}
                if found
                else {"text": "Not evaluated"},
                {
                    "html": format_html(
                        '{}<br><span class="govuk-body-s">{}, {}</span>',
                        found.evidence,
                        found.source_label,
                        long_date(found.obtained_on),
                    )
                }
                if found
                else {"text": ""},
            ]
        )
    return {
        "caption": "Evaluation (P25.1 to P25.6)",
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": [{"text": "Point"}, {"text": "Weighs"}, {"text": "Evidence and source"}],
        "rows": rows,
    }


def kind_table(
    person_id: Any,
    kind: str,
    label: str,
    found: list[Option],
    shown: dict[int, list[Shown]],
    extra: Sequence[tuple[str, dict[int, str]]] = (),
) -> dict[str, Any]:
    """The options of one kind; `extra` adds a column for each (title, the HTML of each
    option's cell) that an app above planning declared (`extensions`)."""
    rows = []
    for option in found:
        link = reverse("planning:option", args=[person_id, option.pk])
        rows.append(
            [
                {"html": format_html('<a class="govuk-link" href="{}">{}</a>', link, option.title)},
                {"text": option.provider.name if option.provider else "None"},
                {"html": status_tag(option)},
                {"html": conflicts_html(shown.get(option.pk, []))},
                *({"html": cells.get(option.pk) or "None"} for _, cells in extra),
            ]
        )
    return {
        "caption": label,
        "captionClasses": "govuk-table__caption--m",
        "head": [
            {"text": "Option"},
            {"text": "Provider"},
            {"text": "Status"},
            {"text": "Conflicts"},
            *({"text": title} for title, _ in extra),
        ],
        "rows": rows,
    }


def comparison_table(
    found: list[Option], shown: dict[int, list[Shown]], label: str
) -> dict[str, Any]:
    """One column an option, one row a point: the options of one kind side by side."""
    head = [{"text": "Point"}] + [{"text": option.title} for option in found]
    rows: list[list[dict[str, Any]]] = [
        [{"text": "Status"}] + [{"html": status_tag(o)} for o in found],
        [{"text": "Provider"}]
        + [{"text": o.provider.name if o.provider else "None"} for o in found],
        [{"text": "Conflicts"}] + [{"html": conflicts_html(shown.get(o.pk, []))} for o in found],
    ]
    if found and found[0].is_accommodation:
        rows.append(
            [{"text": "Type"}] + [{"text": o.get_accommodation_type_display()} for o in found]
        )
        rows.append(
            [{"text": "Who lives there"}] + [{"text": o.household or "Not recorded"} for o in found]
        )
    for criterion, point in Criterion.choices:
        cells = [{"text": f"{criterion}: {point}"}]
        for option in found:
            evaluation = next(
                (e for e in option.evaluations.all() if e.criterion == criterion), None
            )
            cells.append(
                {
                    "html": format_html(
                        "{}<br>{}",
                        tag(RATING_COLOURS[evaluation.rating], evaluation.get_rating_display()),
                        evaluation.evidence,
                    )
                }
                if evaluation
                else {"text": "Not evaluated"}
            )
        rows.append(cells)
    rows.append([{"text": "Reasoning"}] + [{"text": o.reasoning or "Not decided"} for o in found])
    return {
        "caption": f"{label}: the options side by side",
        "captionClasses": "govuk-table__caption--l",
        "firstCellIsHeader": True,
        "head": head,
        "rows": rows,
    }


def assessment_rows(found: AssessmentFacts | None, person_id: Any) -> dict[str, Any] | None:
    """The current risk of serious harm levels and needs, shown beside an evaluation."""
    if found is None:
        return None
    levels = [
        _row(
            f"{GROUP_WORDS[group]} {SETTING_WORDS[setting]}",
            level.label if (level := found.levels.get((group, setting))) else "Not rated",
        )
        for group, setting in CELLS
    ]
    needs = [
        _row(label, found.needs.get(key, "Not recorded").capitalize()) for key, label in PATHWAYS
    ]
    return {
        "overall": found.overall.capitalize() if found.overall else "Not rated",
        "number": found.number,
        "url": reverse("records:version", args=[person_id, "assessment", found.number]),
        "levels": {"rows": levels},
        "needs": {"rows": needs},
    }


def barriers_table(person_id: Any, found: list[Barrier]) -> dict[str, Any]:
    rows = []
    for barrier in found:
        link = reverse("planning:barrier", args=[person_id, barrier.pk])
        rows.append(
            [
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{}</a>', link, barrier.description[:120]
                    )
                },
                {"text": barrier.get_kind_display()},
                {"text": barrier.option.title if barrier.option else "None in particular"},
                {"text": barrier.challenged_by or "Not recorded"},
                {
                    "html": tag("green", "Resolved")
                    if not barrier.is_open
                    else tag("orange", "Open")
                },
            ]
        )
    return {
        "caption": "Barriers",
        "captionClasses": "govuk-table__caption--m",
        "head": [
            {"text": "Barrier"},
            {"text": "Kind"},
            {"text": "Option"},
            {"text": "Challenged by"},
            {"text": "Status"},
        ],
        "rows": rows,
    }


class _Criterion(Protocol):
    """A decision criterion as shown: the Options page's (`queries.CriterionShown`) and the
    release's (`release.facts.CriterionResult`)."""

    @property
    def title(self) -> str: ...
    @property
    def met(self) -> bool: ...
    @property
    def evidence(self) -> str: ...


def criteria_rows(found: Sequence[_Criterion]) -> list[dict[str, Any]]:
    return [
        {
            "key": {"text": item.title},
            "value": {
                "html": format_html(
                    "{} {}",
                    tag("green", "Met") if item.met else tag("red", "Not met"),
                    item.evidence,
                )
            },
        }
        for item in found
    ]
