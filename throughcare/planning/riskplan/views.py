"""The pages of the risk management plan, under the Plan section of the record: the plan by
heading with the risk factors no action manages; the key information; adding, changing and
removing an action; the licence conditions (choosing from the catalogue, filling the blanks,
naming the risk, justifying); checking and submitting. The case team reads them; only the
plan's owner changes them (others are told who does)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from throughcare.access import policy
from throughcare.access.models import Role
from throughcare.access.pages import person_page
from throughcare.audit.models import RecordType
from throughcare.core.errors import Invalid, NotFound, Stale
from throughcare.record import presenters as record_presenters
from throughcare.ui.errors import add_service_errors, check_form
from throughcare.ui.forms import posted

from . import catalogue, presenters, queries, services
from .forms import ActionForm, ConditionForm, KeyInformationForm, RemoveForm, SubmitForm
from .models import Heading

A = policy.Action
PLAN = RecordType.PLAN
ACTION = RecordType.RISK_ACTION
CONDITION = RecordType.LICENCE_CONDITION
SECTION = "plan"


def _page(request: HttpRequest, access: policy.Access, template: str, **extra: Any) -> HttpResponse:
    return render(
        request, f"riskplan/{template}", record_presenters.person_page(access, SECTION, **extra)
    )


def _plan(access: policy.Access) -> queries.PlanPage:
    found = queries.plan(access)
    if found is None:
        raise NotFound("No such page")
    return found


def _not_owner(
    request: HttpRequest, access: policy.Access, found: queries.PlanPage
) -> HttpResponse:
    whose = "community" if found.owner_role == Role.COM else "prison"
    return _page(request, access, "not_owner.html", whose=whose, found=found)


def _stale(form: Any, request: HttpRequest, current: int) -> None:
    fresh = request.POST.copy()
    fresh["version"] = str(current)
    form.data = fresh
    form.add_error(None, services.STALE)


def _back(access: policy.Access) -> HttpResponse:
    return redirect("riskplan:plan", person_id=access.person.pk)


@person_page(action=A.VIEW_PLAN, record_type=PLAN)
def plan(request: HttpRequest, access: policy.Access) -> HttpResponse:
    found = _plan(access)
    return _page(request, access, "plan.html", found=found, headings=presenters.headings(found))


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=PLAN)
def key_information(request: HttpRequest, access: policy.Access) -> HttpResponse:
    found = _plan(access)
    if not found.may_change:
        return _not_owner(request, access, found)
    initial = {**found.key_information, "version": found.key_information_version}
    form = KeyInformationForm(posted(request), initial=initial)
    theirs: dict[str, Any] | None = None
    if request.method == "POST" and check_form(form, services.check_key_information):
        try:
            services.save_key_information(
                user=access.user,
                person=access.person,
                situation=form.cleaned_data.get("situation") or "",
                considerations=form.cleaned_data.get("considerations") or "",
                expected=form.expected(),
            )
        except Stale:
            again = _plan(access)
            theirs = again.key_information
            _stale(form, request, again.key_information_version)
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Key information saved")
            return _back(access)
    return _page(request, access, "key_information.html", form=form, theirs=theirs)


def _action_form(request: HttpRequest, found: queries.PlanPage, **kwargs: Any) -> ActionForm:
    return ActionForm(posted(request), factors=found.factors, **kwargs)


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=ACTION)
def action_create(request: HttpRequest, access: policy.Access) -> HttpResponse:
    found = _plan(access)
    if not found.may_change:
        return _not_owner(request, access, found)
    heading = request.GET.get("heading")
    form = _action_form(
        request, found, initial={"heading": heading} if heading in Heading.values else {}
    )
    keys = {f.key for f in found.factors}
    if request.method == "POST" and check_form(
        form, lambda data: services.check_action(data, factor_keys=keys)
    ):
        try:
            services.add_action(
                user=access.user,
                person=access.person,
                new=services.NewAction.from_cleaned(form.cleaned_data),
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Action added")
            return _back(access)
    return _page(request, access, "action_form.html", form=form, found=found, item=None)


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=ACTION)
def action_change(request: HttpRequest, access: policy.Access, action_id: int) -> HttpResponse:
    found = _plan(access)
    item = queries.action(access, action_id)
    if not found.may_change:
        return _not_owner(request, access, found)
    kept = tuple(item.factors or [])
    form = _action_form(request, found, kept=kept, initial=presenters.action_initial(item))
    keys = {f.key for f in found.factors}
    theirs = None
    if request.method == "POST" and check_form(
        form, lambda data: services.check_action(data, factor_keys=keys, kept=kept)
    ):
        try:
            services.change_action(
                user=access.user,
                action=item,
                new=services.NewAction.from_cleaned(form.cleaned_data),
                expected=form.expected(),
            )
        except Stale:
            item = queries.action(access, action_id)
            theirs = presenters.action_summary(item, found.labels())
            _stale(form, request, item.version)
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Action changed")
            return _back(access)
    return _page(
        request, access, "action_form.html", form=form, found=found, item=item, theirs=theirs
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=ACTION)
def action_remove(request: HttpRequest, access: policy.Access, action_id: int) -> HttpResponse:
    found = _plan(access)
    item = queries.action(access, action_id)
    if not found.may_change:
        return _not_owner(request, access, found)
    form = RemoveForm(posted(request), initial={"version": item.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_action(user=access.user, action=item, expected=form.expected())
        except Stale:
            item = queries.action(access, action_id)
            _stale(form, request, item.version)
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Action removed")
            return _back(access)
    return _page(
        request,
        access,
        "remove.html",
        form=form,
        what="action",
        summary=presenters.action_summary(item, found.labels()),
    )


@person_page(action=A.VIEW_PLAN, record_type=CONDITION)
def conditions(request: HttpRequest, access: policy.Access) -> HttpResponse:
    found = _plan(access)
    return _page(
        request,
        access,
        "conditions.html",
        found=found,
        standard=catalogue.catalogue().standard,
        chosen=presenters.conditions(found),
    )


@person_page(action=A.EDIT, record_type=CONDITION)
def condition_choose(request: HttpRequest, access: policy.Access) -> HttpResponse:
    found = _plan(access)
    if not found.may_change:
        return _not_owner(request, access, found)
    return _page(
        request, access, "condition_choose.html", categories=catalogue.catalogue().categories()
    )


def _condition_form(
    request: HttpRequest,
    access: policy.Access,
    found: queries.PlanPage,
    entry: catalogue.Condition,
    conflicted: bool,
    **kwargs: Any,
) -> ConditionForm:
    return ConditionForm(
        posted(request),
        entry=entry,
        actions=queries.actions_of(access),
        factors=found.factors,
        conflicted=conflicted,
        **kwargs,
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=CONDITION)
def condition_create(request: HttpRequest, access: policy.Access, code: str) -> HttpResponse:
    found = _plan(access)
    entry = services.entry_for(code)
    if not found.may_change:
        return _not_owner(request, access, found)
    form = _condition_form(request, access, found, entry, conflicted=False)
    keys = {f.key for f in found.factors}
    if request.method == "POST" and check_form(
        form, lambda data: services.check_condition(entry, data, factor_keys=keys)
    ):
        try:
            services.add_condition(
                user=access.user,
                person=access.person,
                code=entry.code,
                new=services.NewCondition.from_cleaned(entry, form.cleaned_data),
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Licence condition added")
            return redirect("riskplan:conditions", person_id=access.person.pk)
    return _page(
        request, access, "condition_form.html", form=form, entry=entry, item=None, conflicts=[]
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=CONDITION)
def condition_change(
    request: HttpRequest, access: policy.Access, condition_id: int
) -> HttpResponse:
    found = _plan(access)
    item = queries.condition(access, condition_id)
    entry = services.entry_for(item.code)
    if not found.may_change:
        return _not_owner(request, access, found)
    shown = found.conflicts.get(item.pk, [])
    kept = tuple(item.factors or [])
    form = _condition_form(
        request,
        access,
        found,
        entry,
        conflicted=bool(shown or item.conflict_explanation),
        kept=kept,
        initial=presenters.condition_initial(item),
    )
    keys = {f.key for f in found.factors}
    if request.method == "POST" and check_form(
        form, lambda data: services.check_condition(entry, data, factor_keys=keys, kept=kept)
    ):
        try:
            services.change_condition(
                user=access.user,
                condition=item,
                new=services.NewCondition.from_cleaned(entry, form.cleaned_data),
                expected=form.expected(),
            )
        except Stale:
            item = queries.condition(access, condition_id)
            _stale(form, request, item.version)
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Licence condition changed")
            return redirect("riskplan:conditions", person_id=access.person.pk)
    return _page(
        request,
        access,
        "condition_form.html",
        form=form,
        entry=entry,
        item=item,
        conflicts=shown,
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=CONDITION)
def condition_remove(
    request: HttpRequest, access: policy.Access, condition_id: int
) -> HttpResponse:
    found = _plan(access)
    item = queries.condition(access, condition_id)
    if not found.may_change:
        return _not_owner(request, access, found)
    form = RemoveForm(posted(request), initial={"version": item.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_condition(user=access.user, condition=item, expected=form.expected())
        except Stale:
            item = queries.condition(access, condition_id)
            _stale(form, request, item.version)
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Licence condition removed")
            return redirect("riskplan:conditions", person_id=access.person.pk)
    return _page(
        request,
        access,
        "remove.html",
        form=form,
        what="licence condition",
        summary=[("Condition", item.text)],
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=PLAN)
def check(request: HttpRequest, access: policy.Access) -> HttpResponse:
    found = _plan(access)
    if not found.may_change:
        return _not_owner(request, access, found)
    form = SubmitForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            version = services.submit(user=access.user, person=access.person)
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            if version.countersignature_reason:
                messages.success(
                    request,
                    "Plan submitted. The senior probation officer was asked to countersign it",
                )
            else:
                messages.success(request, "Plan submitted and locked")
            return _back(access)
    problems = services.problems(found.open_version, access.person)
    return _page(
        request,
        access,
        "check.html",
        form=form,
        found=found,
        problems=[m for ms in problems.values() for m in ms],
        headings=presenters.headings(found),
        chosen=presenters.conditions(found),
        needs_countersignature=found.overall in ("high", "very high"),
    )
