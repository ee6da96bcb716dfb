"""The person's documents: the subject access export (JSON and a PDF summary), and the
documents made from the plan (issue 12 point 8): the pre-release report and the risk
management plan for staff, the person's own plan and their licence conditions for them. Each
PDF is made from the record as it stands and its download recorded as a disclosure."""

from __future__ import annotations

import json
from dataclasses import dataclass
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

from . import pdf, person_copy, plan, queries, services


@require_GET
@person_page(action=policy.Action.VIEW, record_type="documents")
def index(request: HttpRequest, access: policy.Access) -> HttpResponse:
    """The documents that can be produced from this record, for those who may produce them."""
    return render(
        request,
        "documents/index.html",
        presenters.person_page(
            access, "documents", plan_documents=PLAN_DOCUMENTS if access.can(VIEW_PLAN) else ()
        ),
    )


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


# The documents made from the plan --------------------------------------------------------------

VIEW_PLAN = policy.Action.VIEW_PLAN


@dataclass(frozen=True)
class PlanDocument:
    url_name: str
    filename: str
    title: str
    description: str
    for_the_person: bool
    sections: tuple[str, ...]


PRE_RELEASE = PlanDocument(
    "documents:pre-release-report",
    "pre-release-report",
    "Pre-release report",
    "For staff: key dates, the assessment's headline, the plan, the risk management plan, the "
    "licence conditions, readiness, the day of release, the handover and what is open.",
    False,
    (
        "person",
        "key dates",
        "stage",
        "assessment headline",
        "chosen options",
        "resettlement plan",
        "risk management plan",
        "licence conditions",
        "readiness",
        "day of release",
        "handover",
        "reviews, setbacks and escalations",
    ),
)
RISK_PLAN = PlanDocument(
    "documents:risk-management-plan",
    "risk-management-plan",
    "Risk management plan",
    "For staff: the actions under each heading, the risk factors they manage and those none "
    "manages, the additional licence conditions with their risks and reasons, and who signed.",
    False,
    ("risk management plan", "licence conditions", "signatures"),
)
PERSON_COPY = PlanDocument(
    "documents:your-plan",
    "your-plan",
    "Their own plan",
    "For the person, in plain language: their goals, the steps and who does them, their first "
    "appointment, what they need on the day they leave and their licence conditions. No risk "
    "levels, no victim or other people's information.",
    True,
    ("goals and steps", "first appointment", "day of release", "licence conditions"),
)
LICENCE = PlanDocument(
    "documents:licence",
    "licence-conditions",
    "Licence conditions",
    "For the person: the standard and additional licence conditions as their licence will "
    "say them, with the licence's dates.",
    True,
    ("licence dates", "licence conditions"),
)
PLAN_DOCUMENTS = (PRE_RELEASE, RISK_PLAN, PERSON_COPY, LICENCE)


def _plan_pdf(access: policy.Access, document: PlanDocument, html: str) -> HttpResponse:
    """The PDF as an attachment named by CRN and date, never by name, recorded as a
    disclosure; never kept by a cache."""
    content = pdf.html_to_pdf(html)
    services.record_plan_document_disclosure(
        user=access.user,
        person=access.person,
        title=document.title,
        for_the_person=document.for_the_person,
        sections=document.sections,
    )
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"{document.filename}-{access.person.crn}-{clock.today().isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@person_page(action=VIEW_PLAN, record_type=services.PLAN_DOCUMENT_RECORD_TYPE)
def pre_release_report_pdf(request: HttpRequest, access: policy.Access) -> HttpResponse:
    html = pdf.pre_release_report_html(plan.pre_release_report(access))
    return _plan_pdf(access, PRE_RELEASE, html)


@require_GET
@person_page(action=VIEW_PLAN, record_type=services.PLAN_DOCUMENT_RECORD_TYPE)
def risk_management_plan_pdf(request: HttpRequest, access: policy.Access) -> HttpResponse:
    html = pdf.risk_management_plan_html(plan.risk_plan_document(access))
    return _plan_pdf(access, RISK_PLAN, html)


@require_GET
@person_page(action=VIEW_PLAN, record_type=services.PLAN_DOCUMENT_RECORD_TYPE)
def person_copy_pdf(request: HttpRequest, access: policy.Access) -> HttpResponse:
    html = pdf.person_copy_html(person_copy.person_copy(access.person))
    return _plan_pdf(access, PERSON_COPY, html)


@require_GET
@person_page(action=VIEW_PLAN, record_type=services.PLAN_DOCUMENT_RECORD_TYPE)
def licence_pdf(request: HttpRequest, access: policy.Access) -> HttpResponse:
    html = pdf.licence_html(person_copy.licence_document(access.person))
    return _plan_pdf(access, LICENCE, html)
