"""The pages of advice: ask a colleague or a specialist role, see (or, for the adviser, give)
the advice, withdraw the request; and the page of a request for advice for a specialist who
may be outside the case team (the request grant: the question and the person's name, CRN and
prison number only)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from throughcare.access import policy
from throughcare.access.gate import RequestAccess
from throughcare.access.pages import person_page, request_page
from throughcare.access.request_grant import RequestAction
from throughcare.audit.models import RecordType
from throughcare.core.errors import Invalid
from throughcare.record import presenters as record_presenters
from throughcare.ui.error_pages import post_only
from throughcare.ui.errors import add_service_errors, check_form
from throughcare.ui.forms import posted

from . import presenters, queries, services
from .forms import AdviceRequestForm, AnswerForm

A = policy.Action
ADVICE = RecordType.ADVICE_REQUEST


@require_http_methods(["GET", "POST"])
@person_page(action=A.ASK_ADVICE, record_type=ADVICE)
def advice_create(request: HttpRequest, access: policy.Access) -> HttpResponse:
    form = AdviceRequestForm(
        posted(request),
        advisers=services.advisers(access.person, access.user),
        organisation=services.default_organisation(access.person),
    )
    if request.method == "POST" and check_form(form, services.check_request):
        try:
            asked = services.ask(
                user=access.user,
                person=access.person,
                request=services.NewAdviceRequest.from_cleaned(form.cleaned_data),
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, f"Advice asked of {asked.adviser_label}")
            return redirect("casework:concerns", person_id=access.person.pk)
    return render(
        request,
        "casework/advice/create.html",
        record_presenters.person_page(access, "concerns", form=form),
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.VIEW_CONCERNS, record_type=ADVICE)
def advice(request: HttpRequest, access: policy.Access, advice_id: int) -> HttpResponse:
    """The question and the advice; the colleague asked answers it here."""
    found = queries.request(access, advice_id)
    may_answer = services.may_answer(access.user, found)
    if request.method == "POST" and not may_answer:
        raise PermissionDenied("Only the colleague this was asked of can answer it")
    form = AnswerForm(posted(request))
    if request.method == "POST" and check_form(form, services.check_answer):
        try:
            services.answer(user=access.user, request=found, text=form.cleaned_data["text"])
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Advice recorded. The colleague who asked was told.")
            return redirect("casework:advice", person_id=access.person.pk, advice_id=found.pk)
    if request.method == "GET":
        services.seen(user=access.user, request=found)
    return render(
        request,
        "casework/advice/advice.html",
        record_presenters.person_page(
            access,
            "concerns",
            advice_request=found,
            request_rows=presenters.request_rows(found),
            answer_rows=presenters.advice_rows(found.advice)
            if services.has_advice(found)
            else None,
            may_answer=may_answer,
            may_withdraw=access.can(A.ASK_ADVICE),
            form=form,
        ),
    )


@post_only("casework:advice", "person_id", "advice_id")
@person_page(action=A.ASK_ADVICE, record_type=ADVICE)
def advice_withdraw(request: HttpRequest, access: policy.Access, advice_id: int) -> HttpResponse:
    found = queries.request(access, advice_id)
    if found.is_open:
        services.withdraw(user=access.user, request=found)
        messages.success(request, "Request for advice withdrawn")
    return redirect("casework:advice", person_id=access.person.pk, advice_id=found.pk)


@require_http_methods(["GET", "POST"])
@request_page(
    action=RequestAction.SEE,
    post_action=RequestAction.ANSWER,
    load=queries.load,
    record_type=ADVICE,
    url_argument="advice_id",
)
def advice_to_me(request: HttpRequest, grant: RequestAccess) -> HttpResponse:
    """A request for advice to a specialist role, as its holders see it: the question with the
    person's name, CRN and prison number, and nothing else of the record; and the form to
    give the advice."""
    found = grant.request
    form = AnswerForm(posted(request))
    if request.method == "POST" and check_form(form, services.check_answer):
        try:
            services.answer(user=grant.user, request=found, text=form.cleaned_data["text"])
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Advice recorded. The colleague who asked was told.")
            return redirect("caseload:attention")
    return render(
        request,
        "casework/advice/to_me.html",
        {"advice_request": found, "form": form, "nav_section": "attention"},
    )
