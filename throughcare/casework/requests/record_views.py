"""The information requests of a person's record, for their case team: the list with each
request's status and reply (the "Information requests" section), sending one, withdrawing one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from throughcare.access import policy
from throughcare.access.pages import person_page
from throughcare.access.queries import who_may_see
from throughcare.audit.models import RecordType
from throughcare.core.errors import Invalid
from throughcare.record import presenters
from throughcare.ui.errors import add_service_errors, check_form
from throughcare.ui.forms import posted

from .. import queries as casework_queries
from . import queries, services
from .forms import InformationRequestForm, WithdrawForm

Action = policy.Action


@require_http_methods(["GET"])
@person_page(action=Action.VIEW_INFORMATION_REQUESTS, record_type=RecordType.INFORMATION_REQUEST)
def person_requests(request: HttpRequest, access: policy.Access) -> HttpResponse:
    user = policy.signed_in_user(request)
    requests = list(queries.for_person(access))
    services.replies_seen(user=user, person=access.person)
    replies = [r.reply for r in requests if hasattr(r, "reply")]
    amended = casework_queries.amendments(
        access, RecordType.INFORMATION_REPLY, [reply.pk for reply in replies]
    )
    for reply in replies:
        reply.amendments = amended.get(str(reply.pk), [])  # type: ignore[attr-defined]
    return render(
        request,
        "casework/requests/person_requests.html",
        presenters.person_page(access, "requests", requests=requests),
    )


@require_http_methods(["GET", "POST"])
@person_page(action=Action.REQUEST_INFORMATION, record_type=RecordType.INFORMATION_REQUEST)
def request_new(request: HttpRequest, access: policy.Access) -> HttpResponse:
    user = policy.signed_in_user(request)
    if request.method == "POST":
        form = InformationRequestForm(request.POST)
    else:
        form = InformationRequestForm.prefilled(request.GET)

    def check(data: dict[str, Any]) -> None:
        services.check_request(services.NewRequest.from_cleaned(data), user)

    if request.method == "POST" and check_form(form, check):
        try:
            services.send_request(
                user=user,
                access=access,
                new=services.NewRequest.from_cleaned(form.cleaned_data),
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Information request sent")
            return redirect("casework:requests", person_id=access.person.pk)
    return render(
        request,
        "casework/requests/request_form.html",
        presenters.person_page(
            access,
            "requests",
            form=form,
            who_will_see=who_may_see(access.person, Action.VIEW_INFORMATION_REQUESTS),
        ),
    )


@require_http_methods(["GET", "POST"])
@person_page(action=Action.REQUEST_INFORMATION, record_type=RecordType.INFORMATION_REQUEST)
def request_withdraw(request: HttpRequest, access: policy.Access, request_id: int) -> HttpResponse:
    user = policy.signed_in_user(request)
    info_request = get_object_or_404(queries.for_person(access), pk=request_id)
    if not info_request.is_open:
        messages.success(request, "This request is no longer open")
        return redirect("casework:requests", person_id=access.person.pk)
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_request(
                user=user,
                access=access,
                request=info_request,
                reason=form.cleaned_data.get("reason") or "",
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Information request withdrawn")
            return redirect("casework:requests", person_id=access.person.pk)
    return render(
        request,
        "casework/requests/withdraw.html",
        presenters.person_page(access, "requests", form=form, info_request=info_request),
    )
