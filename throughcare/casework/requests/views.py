"""Information requests outside a person's record: the requests sent to me (the recipient,
under the request grant), one request with its answer form, and the requests I have sent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from throughcare.access import policy
from throughcare.access.gate import RequestAccess
from throughcare.access.pages import request_page
from throughcare.access.request_grant import RequestAction
from throughcare.audit import services as audit
from throughcare.audit.models import Operation, RecordType
from throughcare.core.errors import Invalid
from throughcare.record.presenters import pagination
from throughcare.ui.errors import add_service_errors
from throughcare.ui.forms import posted

from . import queries, services
from .forms import ReplyForm
from .models import InformationRequest

if TYPE_CHECKING:
    from throughcare.access.models import User


def _audit_shown(user: User, requests: list[InformationRequest]) -> None:
    """A list that names people is a consultation of each request shown (and so its person)."""
    audit.record_many(
        user=user,
        operation=Operation.CONSULTATION,
        record_type=RecordType.INFORMATION_REQUEST,
        records=[(r.person_id, r.pk) for r in requests],
    )


@require_http_methods(["GET"])
def requests_to_me(request: HttpRequest) -> HttpResponse:
    user = policy.signed_in_user(request)
    page = Paginator(queries.addressed_to(user), settings.CASELOAD_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    _audit_shown(user, list(page.object_list))
    return render(
        request,
        "casework/requests/to_me.html",
        {"page": page, "pagination": pagination(page, {}), "nav_section": "attention"},
    )


@require_http_methods(["GET"])
def requests_sent(request: HttpRequest) -> HttpResponse:
    user = policy.signed_in_user(request)
    page = Paginator(queries.sent_by(user), settings.CASELOAD_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    _audit_shown(user, list(page.object_list))
    return render(
        request,
        "casework/requests/sent.html",
        {"page": page, "pagination": pagination(page, {}), "nav_section": "attention"},
    )


@require_http_methods(["GET", "POST"])
@request_page(action=RequestAction.SEE, post_action=RequestAction.ANSWER, load=queries.load)
def request_answer(request: HttpRequest, grant: RequestAccess) -> HttpResponse:
    """The request as its recipient sees it (the person's name, CRN and prison number, and
    nothing else of their record) and the form to answer it."""
    user = policy.signed_in_user(request)
    info_request = grant.request
    form = ReplyForm(info_request, posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_request(
                user=user,
                request=info_request,
                reply=services.NewReply.from_cleaned(form.cleaned_data),
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Your answer has been sent")
            return redirect("casework:requests-to-me")
    return render(
        request,
        "casework/requests/answer.html",
        {"info_request": info_request, "form": form, "nav_section": "attention"},
    )
