"""The Information section of the person's record: the interviews with the person (P1-P8), each
through the record's long-form frame, then the summary gone through with them (P5) and their
copy as a PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from throughcare.access import policy
from throughcare.access.pages import View, person_page
from throughcare.core import clock
from throughcare.core.errors import Invalid
from throughcare.record import longform_pages, presenters
from throughcare.ui.error_pages import post_only
from throughcare.ui.errors import add_service_errors, check_form
from throughcare.ui.forms import posted

from ..services import check_amendment
from . import pdf, queries, services, summary
from .draft import INTERVIEW, InterviewDraft
from .forms import AmendmentForm, ResponseForm

A = policy.Action
SECTION = queries.SHARING_SECTION
RECORD = "interview"


def _gate(
    *, post: policy.Action | None = A.EDIT, action: policy.Action = A.VIEW
) -> Callable[[View], View]:
    """The gate of an interview page: partners need the interview in their agreement."""
    return person_page(action=action, post_action=post, section=SECTION, record_type=RECORD)


@require_GET
@_gate(post=None)
def information(request: HttpRequest, access: policy.Access) -> HttpResponse:
    return render(
        request,
        "casework/interview/information.html",
        presenters.person_page(
            access,
            "information",
            interviews=list(queries.interviews(access)),
            audience=queries.who_will_see(access.person),
        ),
    )


@post_only("casework:information")
@_gate(action=A.EDIT, post=None)
def start(request: HttpRequest, access: policy.Access) -> HttpResponse:
    interview = services.start_interview(user=policy.signed_in_user(request), person=access.person)
    return redirect("casework:interview", person_id=access.person.pk, interview_id=interview.pk)


@require_GET
@_gate(post=None)
def task_list(request: HttpRequest, access: policy.Access, interview_id: int) -> HttpResponse:
    return longform_pages.task_list(request, access, INTERVIEW, interview_id)


@require_http_methods(["GET", "POST"])
@_gate()
def section(
    request: HttpRequest, access: policy.Access, interview_id: int, section: str
) -> HttpResponse:
    return longform_pages.section_page(request, access, INTERVIEW, interview_id, section)


@require_http_methods(["GET", "POST"])
@_gate()
def check(request: HttpRequest, access: policy.Access, interview_id: int) -> HttpResponse:
    return longform_pages.check_answers(request, access, INTERVIEW, interview_id)


def _draft(access: policy.Access, interview_id: int) -> InterviewDraft:
    draft = INTERVIEW.load(access, interview_id)
    assert isinstance(draft, InterviewDraft)  # noqa: S101 - INTERVIEW loads only these
    return draft


@require_http_methods(["GET", "POST"])
@_gate()
def summary_page(request: HttpRequest, access: policy.Access, interview_id: int) -> HttpResponse:
    """The summary to go through with the person, and their response (P5)."""
    draft = _draft(access, interview_id)
    interview = draft.interview
    found = summary.paragraphs(draft.values())
    form = ResponseForm(posted(request), initial={"response_on": clock.today()})
    may_record = access.can(A.EDIT) and draft.submitted and not interview.closed
    if request.method == "POST" and may_record and check_form(form, services.check_response):
        data = form.cleaned_data
        try:
            services.record_response(
                user=policy.signed_in_user(request),
                interview=interview,
                summary=summary.as_text(found),
                response=data["response"],
                response_on=data["response_on"],
                correction=data.get("correction") or "",
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Their response to the summary is recorded")
            return redirect(
                "casework:interview-summary", person_id=access.person.pk, interview_id=interview.pk
            )
    return render(
        request,
        "casework/interview/summary.html",
        presenters.person_page(
            access,
            "information",
            interview=interview,
            paragraphs=found,
            corrections=pdf.corrections(access, interview),
            form=form,
            may_record=may_record,
        ),
    )


@require_GET
@_gate(post=None)
def copy(request: HttpRequest, access: policy.Access, interview_id: int) -> HttpResponse:
    """The person's own copy (PDF): who we are and why we asked, who will see it, the summary
    and their corrections."""
    draft = _draft(access, interview_id)
    content = pdf.person_copy(access, draft)
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"interview-summary-{access.person.crn}-{clock.today().isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@_gate(action=A.EDIT, post=A.EDIT)
def amend(
    request: HttpRequest, access: policy.Access, interview_id: int, answer_id: int
) -> HttpResponse:
    """Adds an amendment beside an answer (P15): the answer is never changed."""
    draft = _draft(access, interview_id)
    answer = queries.answer(draft.interview, answer_id)
    form = AmendmentForm(posted(request))
    if request.method == "POST" and check_form(form, check_amendment):
        try:
            services.amend_answer(
                user=policy.signed_in_user(request),
                answer=answer,
                text=form.cleaned_data["text"],
                reason=form.cleaned_data.get("reason") or "",
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Amendment added")
            return redirect(
                "casework:interview-section",
                person_id=access.person.pk,
                interview_id=interview_id,
                section=answer.section,
            )
    return render(
        request,
        "casework/interview/amend.html",
        presenters.person_page(
            access,
            "information",
            interview=draft.interview,
            form_section=INTERVIEW.section(answer.section),
            fixed_list=[replace(draft.fixed_answer(answer.section, answer), amend_url=None)],
            form=form,
        ),
    )
