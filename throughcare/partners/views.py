"""The pages of referrals. For the case team, in the Options section: sending the option's
partner organisation a referral or a notice (what will be shared written out), one referral
with the partner's answer and the sender's reply to a question, and withdrawing it. For the
partner organisation, under the referral grant: the referral (or, once withdrawn, only that it
was withdrawn) with the form to answer it, and the "Referrals to us" list on their landing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods

from throughcare.access import policy
from throughcare.access.gate import ReferralAccess
from throughcare.access.pages import person_page, referral_page
from throughcare.access.referral_grant import ReferralAction
from throughcare.audit import services as audit
from throughcare.audit.models import Operation, RecordType
from throughcare.core.errors import Invalid
from throughcare.planning import queries as planning_queries
from throughcare.record import presenters as record_presenters
from throughcare.ui.errors import add_service_errors, check_form
from throughcare.ui.forms import posted

from . import presenters, queries, services
from .forms import AnswerForm, ReferralForm, ReplyForm, WithdrawForm
from .models import Referral

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.planning.models import Option

A = policy.Action
REFERRAL = RecordType.REFERRAL
SECTION = "options"


def _page(request: HttpRequest, access: policy.Access, template: str, **extra: Any) -> HttpResponse:
    return render(
        request, f"partners/{template}", record_presenters.person_page(access, SECTION, **extra)
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=REFERRAL)
def referral_create(request: HttpRequest, access: policy.Access, option_id: int) -> HttpResponse:
    """Alert the option's partner organisation: a referral or a notice, with what will be
    shared written out before it is sent."""
    option = planning_queries.option(access, option_id)
    risks = services.risk_choices(option)
    form = ReferralForm(posted(request), risks=risks)
    if option.provider is not None and request.method == "POST":

        def check(data: dict[str, Any]) -> None:
            services.check_referral(data, risks=dict(risks))

        if check_form(form, check):
            try:
                sent = services.send(
                    user=access.user,
                    option=option,
                    new=services.NewReferral.from_cleaned(form.cleaned_data),
                )
            except Invalid as invalid:
                add_service_errors(form, invalid)
            else:
                messages.success(
                    request,
                    f"{sent.get_kind_display().split(' (')[0]} sent to {sent.organisation.name}",
                )
                return redirect(
                    "partners:referral", person_id=access.person.pk, referral_id=sent.pk
                )
    preview = services.shared_rows(option, services.NewReferral(kind="", asked=""), access.user)
    return _page(
        request,
        access,
        "referral_form.html",
        form=form,
        option=option,
        preview=presenters.rows(preview),
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.VIEW_OPTIONS, post_action=A.EDIT, record_type=REFERRAL)
def referral(request: HttpRequest, access: policy.Access, referral_id: int) -> HttpResponse:
    """One referral as sent, the partner's answer and the exchange; the sender answers a
    question here."""
    found = queries.referral(access, referral_id)
    form = ReplyForm(posted(request))
    if request.method == "POST" and check_form(form, services.check_reply):
        try:
            services.reply(user=access.user, referral=found, text=form.cleaned_data["reply"])
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, f"Your answer was sent to {found.organisation.name}")
            return redirect("partners:referral", person_id=access.person.pk, referral_id=found.pk)
    return _page(
        request,
        access,
        "referral.html",
        referral=found,
        option=found.option,
        form=form,
        shared=presenters.rows(found.shared),
        exchange=presenters.exchange(found),
        status=presenters.status_tag(found),
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=REFERRAL)
def referral_withdraw(
    request: HttpRequest, access: policy.Access, referral_id: int
) -> HttpResponse:
    found = queries.referral(access, referral_id)
    form = WithdrawForm(posted(request))
    if request.method == "POST" and check_form(form, services.check_withdrawal):
        services.withdraw(user=access.user, referral=found, reason=form.cleaned_data["reason"])
        messages.success(request, f"Withdrawn: {found.organisation.name} sees only that")
        return redirect("partners:referral", person_id=access.person.pk, referral_id=found.pk)
    return _page(request, access, "withdraw.html", form=form, referral=found, option=found.option)


@require_http_methods(["GET", "POST"])
@referral_page(action=ReferralAction.OPEN, post_action=ReferralAction.ANSWER, load=queries.load)
def referral_to_us(request: HttpRequest, grant: ReferralAccess) -> HttpResponse:
    """The referral as the partner organisation sees it (only what it shares) and the form to
    answer it; once withdrawn, only that it was withdrawn."""
    found: Referral = grant.referral
    if grant.withdrawn:
        return render(
            request,
            "partners/withdrawn.html",
            {"referral": found, "nav_section": "caseload"},
        )
    form = AnswerForm(posted(request))
    if request.method == "POST" and check_form(form, services.check_answer):
        try:
            services.answer(user=grant.user, referral=found, **form.cleaned_data)
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Your answer was sent")
            return redirect("caseload:caseload")
    return render(
        request,
        "partners/referral_to_us.html",
        {
            "referral": found,
            "form": form if found.awaits_answer else None,
            "shared": presenters.rows(found.shared),
            "exchange": presenters.exchange(found),
            "status": presenters.status_tag(found),
            "nav_section": "caseload",
        },
    )


# Declared to planning and the caseload (wiring.py) -------------------------------------------


def option_panel(access: policy.Access, option: Option) -> dict[str, Any] | None:
    """The referrals about the option, their status and the partner's latest answer, with the
    button to alert its partner organisation."""
    found = queries.of_option(access, option)
    return {
        "option": option,
        "table": presenters.option_referrals(found) if found else None,
        "may_send": access.can(A.EDIT) and option.provider is not None,
    }


def option_column(access: policy.Access, options: list[Option]) -> dict[int, str]:
    return {
        option_id: format_html(
            '<a class="govuk-link" href="{}">{}</a>',
            presenters.referral_url(found),
            presenters.status_tag(found),
        )
        for option_id, found in queries.latest_by_option(access, options).items()
    }


def landing_panel(user: User) -> dict[str, Any] | None:
    """ "Referrals to us" on a partner worker's landing page; each person named is a
    consultation, under the referral."""
    if user.role != "partner":
        return None
    found = list(queries.to_organisation(user)[:50])
    named = [r for r in found if not r.is_withdrawn]
    audit.record_many(
        user=user,
        operation=Operation.CONSULTATION,
        record_type=RecordType.REFERRALS,
        records=[(r.person_id, r.pk) for r in named],
    )
    return {"table": presenters.to_us_table(found) if found else None}
