"""A person's record summary as a file, CSV or JSON (identity, identifiers, sentences and key
dates, allocation), for the case team; the resettlement plan joins it when planning lands.
Each download is recorded as a disclosure to the user."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from throughcare.access import policy
from throughcare.access.pages import person_page
from throughcare.audit import services as audit
from throughcare.audit.models import Operation, RecordType
from throughcare.core import clock
from throughcare.record.summary import record_summary, summary_rows
from throughcare.ui.spreadsheet import csv_lines

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


@require_GET
@person_page(action=policy.Action.EXPORT_RECORD, record_type=RecordType.RECORD_EXPORT)
def record_export(request: HttpRequest, access: policy.Access, file_format: str) -> HttpResponse:
    person = access.person
    summary = record_summary(person)
    audit.record(
        user=access.user,
        operation=Operation.DISCLOSURE,
        record_type=RecordType.RECORD_EXPORT,
        record_id=person.pk,
        person_id=person.pk,
        recipient=f"{access.user.full_name} ({access.user.email})"[:200],
        reason=f"Record summary export ({file_format.upper()})",
        fields=summary.keys(),
    )
    if file_format == "json":
        content = json.dumps(summary, indent=2, ensure_ascii=False)
    else:
        content = "".join(csv_lines(summary_rows(summary)))
    response = HttpResponse(content, content_type=FORMATS[file_format])
    filename = f"record-{person.crn}-{clock.today().isoformat()}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
