"""The caseload as a file, CSV or JSON: the people of the user's caseload page (a senior
probation officer's: their team's), every one recorded as disclosed to the user."""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from throughcare.access import policy
from throughcare.audit import services as audit
from throughcare.audit.models import Operation, RecordType
from throughcare.core import clock
from throughcare.record.summary import CASELOAD_COLUMNS, caseload_row
from throughcare.ui.spreadsheet import csv_lines

from . import queries

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


@require_GET
def export(request: HttpRequest, file_format: str) -> HttpResponse:
    user = policy.signed_in_user(request)
    if not policy.may(user, policy.UserAction.EXPORT_CASELOAD):
        raise PermissionDenied
    today = clock.today()
    people = list(queries.caseload(user, queries.CaseloadOptions(), today))
    audit.record_many(
        user=user,
        operation=Operation.DISCLOSURE,
        record_type=RecordType.CASELOAD_EXPORT,
        records=[(person.pk, person.pk) for person in people],
        reason=f"Caseload export ({file_format.upper()}) to the user who downloaded it",
    )
    rows = [caseload_row(person) for person in people]
    if file_format == "json":
        content = json.dumps({"exported_on": today.isoformat(), "people": rows}, indent=2)
    else:
        lines = [CASELOAD_COLUMNS, *([row[c] for c in CASELOAD_COLUMNS] for row in rows)]
        content = "".join(csv_lines(lines))
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = (
        f'attachment; filename="caseload-{today.isoformat()}.{file_format}"'
    )
    response["Cache-Control"] = "no-store"
    return response
