"""The "Sharing and access" page of a person's record: sharing agreements with partners, and
the exclusion and restriction lists (limited access)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from throughcare.access import policy, services
from throughcare.access.commands import Exclusion, Restriction, ShareRequest
from throughcare.access.models import SharingAgreement
from throughcare.access.pages import person_page
from throughcare.core.errors import Invalid
from throughcare.record import presenters
from throughcare.ui.error_pages import post_only
from throughcare.ui.errors import add_service_errors
from throughcare.ui.forms import posted

from .forms import EndAgreementForm, ExclusionForm, RestrictionForm, ShareForm


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
        request, "sharing/person_access.html", presenters.person_page(access, "access", **context)
    )


def _forms(access: policy.Access, data: Any = None, which: str = "") -> dict[str, forms.Form]:
    built: dict[str, forms.Form] = {
        "share_form": ShareForm(data if which == "share" else None),
    }
    if access.can(policy.Action.MANAGE_LIMITED_ACCESS):
        # Both forms have a reason: their own ids keep each label on its own box.
        built["exclusion_form"] = ExclusionForm(
            data if which == "exclude" else None, auto_id="exclusion-%s"
        )
        built["restriction_form"] = RestrictionForm(
            data if which == "restrict" else None,
            person=access.person,
            by=access.user,
            auto_id="restriction-%s",
        )
    return built


@person_page(action=policy.Action.MANAGE_SHARING, record_type="sharing and access")
def person_access(request: HttpRequest, access: policy.Access) -> HttpResponse:
    return _page(request, access, _forms(access))


@post_only("sharing:person")
@person_page(action=policy.Action.MANAGE_SHARING, record_type="sharing agreement")
def share(request: HttpRequest, access: policy.Access) -> HttpResponse:
    built = _forms(access, request.POST, "share")
    form = built["share_form"]
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.share_with_partner(
                by=access.user,
                person=access.person,
                share=ShareRequest.from_cleaned(data),
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, f"Shared with {data['organisation'].name}")
            return redirect("sharing:person", person_id=access.person.pk)
    return _page(request, access, built)


def _agreement_rows(agreement: SharingAgreement) -> list[dict[str, Any]]:
    dates = (
        f"{presenters.long_date(agreement.start_date)} to "
        f"{presenters.long_date(agreement.end_date)}"
    )
    return [
        {"key": {"text": "Purpose"}, "value": {"text": agreement.purpose}},
        {"key": {"text": "Dates"}, "value": {"text": dates}},
        {"key": {"text": "Shared"}, "value": {"text": "; ".join(agreement.section_labels)}},
    ]


@require_http_methods(["GET", "POST"])
@person_page(action=policy.Action.MANAGE_SHARING, record_type="sharing agreement")
def end_agreement(request: HttpRequest, access: policy.Access, agreement_id: int) -> HttpResponse:
    """Asks for confirmation and a reason before ending a sharing agreement."""
    agreement = get_object_or_404(
        access.person.sharing_agreements.select_related("organisation"), pk=agreement_id
    )
    if agreement.ended_at is not None:
        messages.info(request, f"Sharing with {agreement.organisation.name} has already ended")
        return redirect("sharing:person", person_id=access.person.pk)
    form = EndAgreementForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.end_agreement(
                by=access.user, agreement=agreement, reason=form.cleaned_data["reason"]
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, f"Sharing with {agreement.organisation.name} ended")
            return redirect("sharing:person", person_id=access.person.pk)
    return render(
        request,
        "sharing/end_agreement.html",
        presenters.person_page(
            access, "access", agreement=agreement, form=form, rows=_agreement_rows(agreement)
        ),
    )


@post_only("sharing:person")
@person_page(action=policy.Action.MANAGE_LIMITED_ACCESS, record_type="limited access")
def limit(request: HttpRequest, access: policy.Access, kind: str) -> HttpResponse:
    if kind not in ("exclude", "restrict"):
        raise PermissionDenied
    built = _forms(access, request.POST, kind)
    form = built[f"{'exclusion' if kind == 'exclude' else 'restriction'}_form"]
    if form.is_valid():
        data = form.cleaned_data
        try:
            if kind == "exclude":
                services.exclude_user(
                    by=access.user,
                    person=access.person,
                    exclusion=Exclusion.from_cleaned(data),
                )
            else:
                services.restrict_to(
                    by=access.user,
                    person=access.person,
                    restriction=Restriction.from_cleaned(data),
                )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Access list updated")
            return redirect("sharing:person", person_id=access.person.pk)
    return _page(request, access, built)
