"""The pages of urgent concerns: record one, see it, acknowledge it (the team's SPO), record
the actions taken and resolve it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from throughcare.access import policy
from throughcare.access.pages import person_page
from throughcare.audit.models import RecordType
from throughcare.core import clock
from throughcare.core.errors import Invalid
from throughcare.record import presenters as record_presenters
from throughcare.rules.times import LONDON
from throughcare.ui.error_pages import post_only
from throughcare.ui.errors import add_service_errors, check_form
from throughcare.ui.forms import posted

from ..advice import presenters as advice_presenters
from ..advice import queries as advice_queries
from . import presenters, queries, services
from .forms import ActionForm, ConcernForm, ResolutionForm

A = policy.Action
CONCERN = RecordType.URGENT_CONCERN


def _now_initial(day: str, moment: str) -> dict[str, object]:
    """The date and time boxes filled with now: usually a concern is recorded as it arises."""
    now = clock.now().astimezone(LONDON)
    return {day: now.date(), moment: f"{now:%H:%M}"}


@require_http_methods(["GET", "POST"])
@person_page(action=A.RECORD_CONCERN, record_type=CONCERN)
def concern_create(request: HttpRequest, access: policy.Access) -> HttpResponse:
    form = ConcernForm(posted(request), initial=_now_initial("occurred_on", "occurred_time"))
    if request.method == "POST" and check_form(form, services.check_concern):
        try:
            concern = services.record_concern(
                user=access.user,
                person=access.person,
                concern=services.NewConcern.from_cleaned(form.cleaned_data),
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(
                request, "Urgent concern recorded. The senior probation officer was told."
            )
            return redirect("casework:concern", person_id=access.person.pk, concern_id=concern.pk)
    return render(
        request,
        "casework/concerns/create.html",
        record_presenters.person_page(access, "concerns", form=form),
    )


@person_page(action=A.VIEW_CONCERNS, record_type=CONCERN)
def concern(request: HttpRequest, access: policy.Access, concern_id: int) -> HttpResponse:
    found = queries.concern(access, concern_id)
    return render(
        request,
        "casework/concerns/concern.html",
        record_presenters.person_page(
            access, "concerns", concern=found, **presenters.concern_page(access, found)
        ),
    )


@post_only("casework:concern", "person_id", "concern_id")
@person_page(action=A.ACKNOWLEDGE_CONCERN, record_type=CONCERN)
def acknowledge(request: HttpRequest, access: policy.Access, concern_id: int) -> HttpResponse:
    found = queries.concern(access, concern_id)
    services.acknowledge(user=access.user, concern=found)
    messages.success(request, "Concern acknowledged")
    return redirect("casework:concern", person_id=access.person.pk, concern_id=found.pk)


@require_http_methods(["GET", "POST"])
@person_page(action=A.ACT_ON_CONCERN, record_type=CONCERN)
def action_create(request: HttpRequest, access: policy.Access, concern_id: int) -> HttpResponse:
    found = queries.concern(access, concern_id)
    if not found.is_open:
        return redirect("casework:concern", person_id=access.person.pk, concern_id=found.pk)
    form = ActionForm(posted(request), initial=_now_initial("taken_on", "taken_time"))
    if request.method == "POST" and check_form(form, services.check_action):
        try:
            services.add_action(
                user=access.user,
                concern=found,
                action=services.NewAction.from_cleaned(form.cleaned_data),
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Action recorded")
            return redirect("casework:concern", person_id=access.person.pk, concern_id=found.pk)
    return render(
        request,
        "casework/concerns/action.html",
        record_presenters.person_page(access, "concerns", form=form, concern=found),
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.ACT_ON_CONCERN, record_type=CONCERN)
def resolve(request: HttpRequest, access: policy.Access, concern_id: int) -> HttpResponse:
    found = queries.concern(access, concern_id)
    if not found.is_open:
        return redirect("casework:concern", person_id=access.person.pk, concern_id=found.pk)
    form = ResolutionForm(posted(request))

    def check(data: dict[str, object]) -> None:
        services.check_resolution(data, found)

    if request.method == "POST" and check_form(form, check):
        try:
            services.resolve(
                user=access.user, concern=found, resolution=form.cleaned_data["resolution"]
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Concern resolved")
            return redirect("casework:concern", person_id=access.person.pk, concern_id=found.pk)
    return render(
        request,
        "casework/concerns/resolve.html",
        record_presenters.person_page(access, "concerns", form=form, concern=found),
    )


@person_page(action=A.VIEW_CONCERNS, record_type=CONCERN)
def concerns(request: HttpRequest, access: policy.Access) -> HttpResponse:
    """The person's urgent concerns, open first, and their requests for advice."""
    found = list(queries.concerns(access))
    asked = list(advice_queries.requests(access))
    return render(
        request,
        "casework/concerns/index.html",
        record_presenters.person_page(
            access,
            "concerns",
            concerns_table=presenters.concerns_table(found, access.person.pk) if found else None,
            advice_table=advice_presenters.requests_table(asked, access.person.pk)
            if asked
            else None,
        ),
    )
