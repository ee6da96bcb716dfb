"""The subject access PDF: HTML from a template, laid out by WeasyPrint on A4."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from .queries import withheld_items


def subject_access_html(data: dict[str, Any]) -> str:
    """The HTML the PDF is made from. Only what is in `data` can appear in it."""
    return render_to_string(
        "documents/subject_access_pdf.html",
        {"data": data, "withheld": withheld_items(data)},
    )


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango and fonts, which only this needs.
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
