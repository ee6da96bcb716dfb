"""The pages of the Options section: the options of every kind with the open barriers and the
decision criteria; an option, its conflicts and evaluation; adding and evaluating options;
the options of one kind side by side; choosing (and the SPO's agreement) and rejecting;
asking for advice on an option; barriers, restrictions and victim liaison consultations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from throughcare.access import policy
from throughcare.access.models import Role
from throughcare.access.pages import person_page
from throughcare.audit.models import RecordType
from throughcare.casework.advice import services as advice_services
from throughcare.casework.advice.forms import AdviceRequestForm
from throughcare.core.errors import Invalid, Refused
from throughcare.record import presenters as record_presenters
from throughcare.ui.errors import add_service_errors, check_form
from throughcare.ui.forms import posted

from . import extensions, panels, presenters, queries, services
from .forms import (
    AgreementForm,
    BarrierForm,
    BarrierUpdateForm,
    ChoiceForm,
    ConsultationForm,
    EvaluationForm,
    OptionForm,
    RejectionForm,
    RestrictionForm,
)
from .models import Option, OptionKind

A = policy.Action
OPTIONS = RecordType.RELEASE_OPTIONS
OPTION = RecordType.RELEASE_OPTION
SECTION = "options"


def _page(request: HttpRequest, access: policy.Access, template: str, **extra: Any) -> HttpResponse:
    return render(
        request, f"planning/{template}", record_presenters.person_page(access, SECTION, **extra)
    )


@person_page(action=A.VIEW_OPTIONS, record_type=OPTIONS)
def options(request: HttpRequest, access: policy.Access) -> HttpResponse:
    found = list(queries.options(access))
    shown = queries.conflicts_of(access, found)
    extra = extensions.columns_for(access, found)
    kinds = []
    for kind, label in OptionKind.choices:
        of_kind = [o for o in found if o.kind == kind]
        if of_kind:
            kinds.append(
                {
                    "key": kind,
                    "label": label,
                    "count": len(of_kind),
                    "table": presenters.kind_table(
                        access.person.pk, kind, label, of_kind, shown, extra
                    ),
                }
            )
    barriers = list(queries.barriers(access))
    return _page(
        request,
        access,
        "options.html",
        kinds=kinds,
        open_barriers=presenters.barriers_table(
            access.person.pk, [b for b in barriers if b.is_open]
        ),
        has_open_barriers=any(b.is_open for b in barriers),
        closed_barriers=presenters.barriers_table(
            access.person.pk, [b for b in barriers if not b.is_open]
        ),
        has_closed_barriers=any(not b.is_open for b in barriers),
        criteria=presenters.criteria_rows(queries.decision_criteria(access)),
        restrictions=list(queries.restrictions(access)),
        consultations=list(queries.consultations(access)),
    )


@person_page(action=A.VIEW, record_type=RecordType.PLAN)
def plan(request: HttpRequest, access: policy.Access) -> HttpResponse:
    """The Plan section: each part of the plan that this reader may see, as a panel."""
    if not queries.may_see_plan(access):
        if access.user.role == Role.PARTNER:
            raise Http404  # nothing of it is shared with them: for them it does not exist
        raise Refused("Only the case team sees the plan")
    return render(
        request,
        "planning/plan.html",
        record_presenters.person_page(access, "plan", panels=panels.panels_for(access)),
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=OPTION)
def option_create(request: HttpRequest, access: policy.Access) -> HttpResponse:
    initial = (
        {"kind": request.GET.get("kind")} if request.GET.get("kind") in OptionKind.values else {}
    )
    form = OptionForm(posted(request), initial=initial)
    if request.method == "POST" and check_form(form, services.check_option):
        try:
            made = services.add_option(
                user=access.user,
                person=access.person,
                new=services.NewOption.from_cleaned(form.cleaned_data),
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, f"Option added: {made.title}")
            return redirect("planning:option", person_id=access.person.pk, option_id=made.pk)
    return _page(request, access, "option_form.html", form=form)


def _option_context(access: policy.Access, found: Option) -> dict[str, Any]:
    shown = queries.conflicts_of(access, [found])[found.pk]
    return {"option": found, "shown_conflicts": shown, "rows": presenters.option_rows(found, shown)}


@person_page(action=A.VIEW_OPTIONS, record_type=OPTION)
def option(request: HttpRequest, access: policy.Access, option_id: int) -> HttpResponse:
    found = queries.option(access, option_id)
    return _page(
        request,
        access,
        "option.html",
        **_option_context(access, found),
        evaluations=presenters.evaluations_table(found),
        barriers=[b for b in queries.barriers(access) if b.option_id == found.pk],
        advice=list(found.advice_requests.order_by("-created_at")),
        panels=extensions.panels_for(access, found),
        may_agree=access.can(A.COUNTERSIGN)
        and found.status == Option.Status.AWAITING_AGREEMENT
        and found.decided_by_id != access.user.pk,
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=OPTION)
def option_evaluate(request: HttpRequest, access: policy.Access, option_id: int) -> HttpResponse:
    found = queries.option(access, option_id)
    initial: dict[str, Any] = {}
    for evaluation in found.evaluations.all():
        initial[services.rating_field(evaluation.criterion)] = evaluation.rating
        initial[services.evidence_field(evaluation.criterion)] = evaluation.evidence
    form = EvaluationForm(posted(request), initial=initial)

    def check(data: dict[str, Any]) -> None:
        problems: dict[str, Any] = {}
        for step in (services.check_evaluations, services.check_source):
            try:
                step(data)
            except Invalid as invalid:
                problems.update(invalid.message_dict)
        if problems:
            raise Invalid(problems)

    if request.method == "POST" and check_form(form, check):
        try:
            services.evaluate(
                user=access.user,
                option=found,
                answers=form.cleaned_data,
                source=services.source_from(form.cleaned_data),
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Evaluation saved")
            return redirect("planning:option", person_id=access.person.pk, option_id=found.pk)
    return _page(
        request,
        access,
        "evaluate.html",
        form=form,
        **_option_context(access, found),
        assessment=presenters.assessment_rows(queries.assessment(access), access.person.pk),
    )


@person_page(action=A.VIEW_OPTIONS, record_type=OPTIONS)
def compare(request: HttpRequest, access: policy.Access, option_kind: str) -> HttpResponse:
    if option_kind not in OptionKind.values:
        raise Http404("No such kind of option")
    label = OptionKind(option_kind).label
    found = list(queries.options(access, option_kind))
    shown = queries.conflicts_of(access, found)
    return _page(
        request,
        access,
        "compare.html",
        label=label,
        found=found,
        table=presenters.comparison_table(found, shown, label),
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=OPTION)
def option_choose(request: HttpRequest, access: policy.Access, option_id: int) -> HttpResponse:
    found = queries.option(access, option_id)
    context = _option_context(access, found)
    conflicted = bool(context["shown_conflicts"])
    form = ChoiceForm(posted(request))
    if request.method == "POST" and check_form(
        form, lambda data: services.check_choice(data, conflicted=conflicted)
    ):
        try:
            chosen = services.choose(user=access.user, option=found, **form.cleaned_data)
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            if chosen.status == Option.Status.AWAITING_AGREEMENT:
                messages.success(
                    request,
                    "Option chosen. It has a conflict, so the senior "
                    "probation officer was asked to agree to it.",
                )
            else:
                messages.success(request, f"Option chosen: {chosen.title}")
            return redirect("planning:option", person_id=access.person.pk, option_id=found.pk)
    return _page(request, access, "choose.html", form=form, conflicted=conflicted, **context)


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=OPTION)
def option_reject(request: HttpRequest, access: policy.Access, option_id: int) -> HttpResponse:
    found = queries.option(access, option_id)
    form = RejectionForm(posted(request))
    if request.method == "POST" and check_form(form, services.check_rejection):
        services.reject(user=access.user, option=found, reasoning=form.cleaned_data["reasoning"])
        messages.success(request, f"Option rejected: {found.title}")
        return redirect("planning:option", person_id=access.person.pk, option_id=found.pk)
    return _page(request, access, "reject.html", form=form, **_option_context(access, found))


@require_http_methods(["GET", "POST"])
@person_page(action=A.COUNTERSIGN, record_type=OPTION)
def option_agree(request: HttpRequest, access: policy.Access, option_id: int) -> HttpResponse:
    found = queries.option(access, option_id)
    form = AgreementForm(posted(request))
    if request.method == "POST" and check_form(form, services.check_agreement):
        services.agree(user=access.user, option=found, **form.cleaned_data)
        messages.success(request, "Your decision was recorded and the officer who chose it told")
        return redirect("planning:option", person_id=access.person.pk, option_id=found.pk)
    return _page(request, access, "agree.html", form=form, **_option_context(access, found))


@require_http_methods(["GET", "POST"])
@person_page(action=A.ASK_ADVICE, record_type=OPTION)
def option_advice(request: HttpRequest, access: policy.Access, option_id: int) -> HttpResponse:
    """Asks for advice on the option (P27) with the casework request for advice, the question
    filled in; the request is kept with the option."""
    found = queries.option(access, option_id)
    question = f"Advice on a release option ({found.get_kind_display().lower()}): {found.title}. "
    form = AdviceRequestForm(
        posted(request),
        advisers=advice_services.advisers(access.person, access.user),
        organisation=advice_services.default_organisation(access.person),
        initial={"question": question, "specialism": "management oversight"},
    )
    if request.method == "POST" and check_form(form, advice_services.check_request):
        try:
            asked = advice_services.ask(
                user=access.user,
                person=access.person,
                request=advice_services.NewAdviceRequest.from_cleaned(form.cleaned_data),
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            services.link_advice(user=access.user, option=found, request=asked)
            messages.success(request, f"Advice asked of {asked.adviser_label}")
            return redirect("planning:option", person_id=access.person.pk, option_id=found.pk)
    return _page(request, access, "advice.html", form=form, option=found)


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.BARRIER)
def barrier_create(request: HttpRequest, access: policy.Access) -> HttpResponse:
    form = BarrierForm(posted(request), options=queries.options(access))
    if request.method == "POST" and check_form(form, services.check_barrier):
        services.record_barrier(user=access.user, person=access.person, data=form.cleaned_data)
        messages.success(request, "Barrier recorded")
        return redirect("planning:options", person_id=access.person.pk)
    return _page(request, access, "barrier_form.html", form=form)


@require_http_methods(["GET", "POST"])
@person_page(action=A.VIEW_OPTIONS, post_action=A.EDIT, record_type=RecordType.BARRIER)
def barrier(request: HttpRequest, access: policy.Access, barrier_id: int) -> HttpResponse:
    found = queries.barrier(access, barrier_id)
    form = BarrierUpdateForm(
        posted(request),
        initial={
            "challenge": found.challenge,
            "challenged_by": found.challenged_by,
            "outcome": found.outcome,
            "resolved": not found.is_open,
        },
    )
    if request.method == "POST" and check_form(form, services.check_barrier):
        services.update_barrier(user=access.user, barrier=found, data=form.cleaned_data)
        messages.success(request, "Barrier updated")
        return redirect("planning:options", person_id=access.person.pk)
    return _page(request, access, "barrier.html", form=form, barrier=found)


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.PLANNING_RESTRICTION)
def restriction_create(request: HttpRequest, access: policy.Access) -> HttpResponse:
    form = RestrictionForm(posted(request))

    def check(data: dict[str, Any]) -> None:
        services.check_restriction(data)
        services.check_source(data)

    if request.method == "POST" and check_form(form, check):
        data = form.cleaned_data
        services.add_restriction(
            user=access.user,
            person=access.person,
            kind=data["kind"],
            area=data.get("area") or "",
            details=data.get("details") or "",
            source=services.source_from(data),
        )
        messages.success(request, "Restriction recorded")
        return redirect("planning:options", person_id=access.person.pk)
    return _page(request, access, "restriction_form.html", form=form)


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.LIAISON_CONSULTATION)
def consultation_create(request: HttpRequest, access: policy.Access) -> HttpResponse:
    if not access.can(A.VIEW_VICTIMS):
        raise Http404("No such page")
    form = ConsultationForm(posted(request))

    def check(data: dict[str, Any]) -> None:
        services.check_consultation(data)
        services.check_source(data)

    if request.method == "POST" and check_form(form, check):
        services.add_consultation(
            user=access.user,
            person=access.person,
            summary=form.cleaned_data["summary"],
            source=services.source_from(form.cleaned_data),
        )
        messages.success(request, "Victim liaison consultation recorded")
        return redirect("planning:options", person_id=access.person.pk)
    return _page(request, access, "consultation_form.html", form=form)
