"""The pages of running the plan, in the Plan section: reviews (due and done, scheduling one,
completing one), setbacks and lapses, escalations to the senior probation officer (raising
one, the SPO's response) and enforcement or recall recommendations. The case team reads them;
the allocated staff write them; the team's SPO responds to escalations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from throughcare.access import policy
from throughcare.access.pages import person_page
from throughcare.audit.models import RecordType
from throughcare.core import clock
from throughcare.core.errors import Invalid, Stale
from throughcare.record import presenters as record_presenters
from throughcare.ui.errors import add_service_errors, check_form
from throughcare.ui.forms import posted

from . import queries, services
from .forms import (
    CompletionForm,
    EscalationForm,
    RecommendationForm,
    ResponseForm,
    ReviewForm,
    SetbackForm,
)

A = policy.Action
SECTION = "plan"


def _page(request: HttpRequest, access: policy.Access, template: str, **extra: Any) -> HttpResponse:
    return render(
        request, f"running/{template}", record_presenters.person_page(access, SECTION, **extra)
    )


def _stale(form: Any, stale: Stale) -> None:
    """The colleague's change is kept and the user's text too: the next save is checked
    against the record as it is now."""
    form.add_error(None, stale)
    form.data = form.data.copy()
    form.data["version"] = str(stale.current.version)


# Reviews -------------------------------------------------------------------------------------


@person_page(action=A.VIEW_PLAN, record_type=RecordType.PLAN_REVIEW)
def reviews(request: HttpRequest, access: policy.Access) -> HttpResponse:
    found = list(queries.reviews(access))
    due = [r for r in found if r.is_open]
    done = sorted(
        (r for r in found if not r.is_open),
        key=lambda r: (r.completed_on or r.due_on, r.pk),
        reverse=True,
    )
    return _page(request, access, "reviews.html", due=due, done=done, today=clock.today())


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.PLAN_REVIEW)
def review_create(request: HttpRequest, access: policy.Access) -> HttpResponse:
    form = ReviewForm(posted(request), initial={"reason": "scheduled"})
    if request.method == "POST" and check_form(
        form, lambda data: services.check_review(data, access.person)
    ):
        try:
            services.schedule_review(
                user=access.user,
                person=access.person,
                due_on=form.cleaned_data["due_on"],
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data.get("details") or "",
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Review scheduled")
            return redirect("running:reviews", person_id=access.person.pk)
    return _page(request, access, "review_form.html", form=form)


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.PLAN_REVIEW)
def review_complete(request: HttpRequest, access: policy.Access, review_id: int) -> HttpResponse:
    found = queries.review(access, review_id)
    form = CompletionForm(posted(request), initial={"version": found.version})
    if request.method == "POST" and check_form(form, services.check_completion):
        try:
            services.complete_review(
                user=access.user,
                review=found,
                data=form.cleaned_data,
                expected_version=form.cleaned_data["version"],
            )
        except Stale as stale:
            _stale(form, stale)
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Review completed and the next review scheduled")
            return redirect("running:reviews", person_id=access.person.pk)
    return _page(request, access, "review_complete.html", form=form, review=found)


# Setbacks and lapses -----------------------------------------------------------------------------


@person_page(action=A.VIEW_PLAN, record_type=RecordType.SETBACK)
def setbacks(request: HttpRequest, access: policy.Access) -> HttpResponse:
    return _page(request, access, "setbacks.html", setbacks=list(queries.setbacks(access)))


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.SETBACK)
def setback_create(request: HttpRequest, access: policy.Access) -> HttpResponse:
    form = SetbackForm(posted(request))
    if request.method == "POST" and check_form(form, services.check_setback):
        try:
            made = services.record_setback(
                user=access.user, person=access.person, data=form.cleaned_data
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, f"{made.get_kind_display()} recorded")
            return redirect("running:setbacks", person_id=access.person.pk)
    return _page(request, access, "setback_form.html", form=form)


# Escalations -------------------------------------------------------------------------------------


@person_page(action=A.VIEW_PLAN, record_type=RecordType.ESCALATION)
def escalations(request: HttpRequest, access: policy.Access) -> HttpResponse:
    found = list(queries.escalations(access))
    return _page(
        request,
        access,
        "escalations.html",
        open_escalations=[e for e in found if e.is_open],
        answered=[e for e in found if not e.is_open],
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.ESCALATION)
def escalation_create(request: HttpRequest, access: policy.Access) -> HttpResponse:
    form = EscalationForm(posted(request))
    if request.method == "POST" and check_form(form, services.check_escalation):
        try:
            services.raise_escalation(
                user=access.user, person=access.person, reason=form.cleaned_data["reason"]
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Escalation raised and the senior probation officer told")
            return redirect("running:escalations", person_id=access.person.pk)
    return _page(request, access, "escalation_form.html", form=form)


@require_http_methods(["GET", "POST"])
@person_page(action=A.RESPOND_TO_ESCALATION, record_type=RecordType.ESCALATION)
def escalation_respond(
    request: HttpRequest, access: policy.Access, escalation_id: int
) -> HttpResponse:
    found = queries.escalation(access, escalation_id)
    form = ResponseForm(posted(request), initial={"version": found.version})
    if request.method == "POST" and found.is_open and check_form(form, services.check_response):
        try:
            services.respond(
                user=access.user,
                escalation=found,
                response=form.cleaned_data["response"],
                expected_version=form.cleaned_data["version"],
            )
        except Stale as stale:
            _stale(form, stale)
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Your response was recorded")
            return redirect("running:escalations", person_id=access.person.pk)
    return _page(request, access, "escalation_respond.html", form=form, escalation=found)


# Enforcement and recall recommendations ----------------------------------------------------------


@person_page(action=A.VIEW_PLAN, record_type=RecordType.ENFORCEMENT)
def recommendations(request: HttpRequest, access: policy.Access) -> HttpResponse:
    return _page(
        request,
        access,
        "recommendations.html",
        recommendations=list(queries.recommendations(access)),
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.ENFORCEMENT)
def recommendation_create(request: HttpRequest, access: policy.Access) -> HttpResponse:
    form = RecommendationForm(posted(request), escalations=queries.escalations(access))
    if request.method == "POST" and check_form(
        form, lambda data: services.check_recommendation(data, access.person)
    ):
        data = form.cleaned_data
        try:
            made = services.record_recommendation(
                user=access.user,
                person=access.person,
                recommendation=data["recommendation"],
                reasons=data["reasons"],
                escalation=data.get("escalation"),
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            text = f"Recommendation recorded: {made.get_recommendation_display().lower()}"
            if made.review_id is not None:
                text += ". A review of the plan is due now"
            messages.success(request, text)
            return redirect("running:recommendations", person_id=access.person.pk)
    return _page(request, access, "recommendation_form.html", form=form)
