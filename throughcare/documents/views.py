"""The person's documents: the subject access export (JSON and a PDF summary)."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from throughcare.access import policy
from throughcare.access.models import User
from throughcare.access.pages import person_page
from throughcare.core import clock
from throughcare.people.models import Person
from throughcare.record import presenters

from . import pdf, queries, services


@require_GET
@person_page(action=policy.Action.VIEW, record_type="documents")
def index(request: HttpRequest, access: policy.Access) -> HttpResponse:
    """The documents that can be produced from this record, for those who may produce them."""
    return render(request, "documents/index.html", presenters.person_page(access, "documents"))


@require_GET
@person_page(action=policy.Action.SUBJECT_ACCESS, record_type="subject access")
def subject_access(request: HttpRequest, access: policy.Access) -> HttpResponse:
    return render(
        request,
        "documents/subject_access.html",
        presenters.person_page(
            access,
            "documents",
            included=queries.what_is_included(),
            withheld=queries.what_is_withheld(),
        ),
    )


def _export(access: policy.Access) -> tuple[User, Person, dict[str, Any]]:
    return access.user, access.person, queries.subject_access(access)


def _download(content: bytes, content_type: str, person: Person, extension: str) -> HttpResponse:
    """An attachment named by CRN and date, never by name; never kept by a cache."""
    response = HttpResponse(content, content_type=content_type)
    filename = f"subject-access-{person.crn}-{clock.today().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@person_page(action=policy.Action.SUBJECT_ACCESS, record_type=services.SUBJECT_ACCESS_RECORD_TYPE)
def subject_access_json(request: HttpRequest, access: policy.Access) -> HttpResponse:
    user, person, data = _export(access)
    content = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False).encode()
    services.record_subject_access_disclosure(
        user=user, person=person, document_format="JSON", sections=data.keys()
    )
    return _download(content, "application/json; charset=utf-8", person, "json")


@require_GET
@person_page(action=policy.Action.SUBJECT_ACCESS, record_type=services.SUBJECT_ACCESS_RECORD_TYPE)
def subject_access_pdf(request: HttpRequest, access: policy.Access) -> HttpResponse:
    user, person, data = _export(access)
    content = pdf.html_to_pdf(pdf.subject_access_html(data))
    services.record_subject_access_disclosure(
        user=user, person=person, document_format="PDF", sections=data.keys()
    )
    return _download(content, "application/pdf", person, "pdf")
