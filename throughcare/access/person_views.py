"""The "Sharing and access" page of a person's record: sharing agreements with partners, and
the exclusion and restriction lists (limited access)."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from throughcare.people import presenters
from throughcare.ui.errors import add_service_errors

from . import policy, services
from .person_forms import ExclusionForm, RestrictionForm, ShareForm


def _page(
    request: HttpRequest, access: policy.Access, forms_: dict[str, forms.Form]
) -> HttpResponse:
    person = access.person
    context: dict[str, Any] = {
        "agreements": person.sharing_agreements.select_related("organisation").order_by(
            "-start_date"
        ),
        # Everyone who manages sharing sees who is excluded; only some may read why.
        "exclusions": [
            {
                "name": exclusion.user.full_name,
                "reason": exclusion.reason if access.may_read_reason(exclusion) else "",
            }
            for exclusion in person.exclusions.select_related("user")
        ],
        "restrictions": person.restrictions.select_related("user"),
        **forms_,
    }
    return render(
        request, "access/person_access.html", presenters.person_page(access, "access", **context)
    )


def _forms(access: policy.Access, data: Any = None, which: str = "") -> dict[str, forms.Form]:
    team_id = access.user.organisation_id
    built: dict[str, forms.Form] = {
        "share_form": ShareForm(data if which == "share" else None),
    }
    if access.can(policy.Action.MANAGE_LIMITED_ACCESS):
        built["exclusion_form"] = ExclusionForm(data if which == "exclude" else None)
        built["restriction_form"] = RestrictionForm(
            data if which == "restrict" else None, team_id=team_id
        )
    return built


def person_access(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    access = policy.person_for(
        request, person_id, record_type="sharing and access", action=policy.Action.MANAGE_SHARING
    )
    return _page(request, access, _forms(access))


@require_http_methods(["POST"])
def share(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    access = policy.person_for(
        request, person_id, record_type="sharing agreement", action=policy.Action.MANAGE_SHARING
    )
    built = _forms(access, request.POST, "share")
    form = built["share_form"]
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.share_with_partner(
                by=access.user,
                person=access.person,
                organisation=data["organisation"],
                purpose=data["purpose"],
                sections=data["sections"],
                start_date=data["start_date"],
                end_date=data["end_date"],
            )
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, f"Shared with {data['organisation'].name}")
            return redirect("access:person", person_id=access.person.pk)
    return _page(request, access, built)


@require_POST
def end_agreement(request: HttpRequest, person_id: uuid.UUID, agreement_id: int) -> HttpResponse:
    access = policy.person_for(
        request, person_id, record_type="sharing agreement", action=policy.Action.MANAGE_SHARING
    )
    agreement = get_object_or_404(access.person.sharing_agreements, pk=agreement_id)
    services.end_agreement(by=access.user, agreement=agreement)
    messages.success(request, f"Sharing with {agreement.organisation.name} ended")
    return redirect("access:person", person_id=access.person.pk)


@require_http_methods(["POST"])
def limit(request: HttpRequest, person_id: uuid.UUID, kind: str) -> HttpResponse:
    access = policy.person_for(
        request,
        person_id,
        record_type="limited access",
        action=policy.Action.MANAGE_LIMITED_ACCESS,
    )
    if kind not in ("exclude", "restrict"):
        raise PermissionDenied
    built = _forms(access, request.POST, kind)
    form = built[f"{'exclusion' if kind == 'exclude' else 'restriction'}_form"]
    if form.is_valid():
        data = form.cleaned_data
        try:
            if kind == "exclude":
                services.exclude_user(
                    by=access.user, person=access.person, user=data["user"], reason=data["reason"]
                )
            else:
                services.restrict_to(
                    by=access.user,
                    person=access.person,
                    users=data["users"],
                    reason=data["reason"],
                )
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Access list updated")
            return redirect("access:person", person_id=access.person.pk)
    return _page(request, access, built)
