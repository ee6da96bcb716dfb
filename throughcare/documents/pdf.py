"""The PDFs: HTML from a template, laid out by WeasyPrint on A4. Each template is given only
the structure its document is made from."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string

from .queries import withheld_items

if TYPE_CHECKING:
    from .person_copy import LicenceDocument, PersonCopy
    from .plan import PreReleaseReport, RiskPlanDocument


def subject_access_html(data: dict[str, Any]) -> str:
    """The HTML the PDF is made from. Only what is in `data` can appear in it."""
    return render_to_string(
        "documents/subject_access_pdf.html",
        {"data": data, "withheld": withheld_items(data)},
    )


def pre_release_report_html(report: PreReleaseReport) -> str:
    return render_to_string("documents/pdf/pre_release_report.html", {"report": report})


def risk_management_plan_html(document: RiskPlanDocument) -> str:
    return render_to_string("documents/pdf/risk_management_plan.html", {"document": document})


def person_copy_html(copy: PersonCopy) -> str:
    """The person's own plan: the template is given the `PersonCopy` and nothing else."""
    return render_to_string("documents/pdf/person_copy.html", {"copy": copy})


def licence_html(licence: LicenceDocument) -> str:
    return render_to_string("documents/pdf/licence.html", {"licence": licence})


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango and fonts, which only this needs.
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
