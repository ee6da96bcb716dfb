"""The pages of the resettlement plan, in the Plan section of the person's record: the plan
(goals by pathway, their steps and progress, the person's agreement, the version's state);
adding, changing and removing a goal; adding and changing a step; recording the person's
agreement; checking and submitting the plan; a progress note on a step.

The case team reads the plan (VIEW_PLAN); the forms need EDIT, and the services accept a
change to the plan only from its owner (`planning.ownership`): anyone else sees why, and a
post from them is refused on the form. A progress note needs only EDIT."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from throughcare.access import policy
from throughcare.access.pages import person_page
from throughcare.audit.models import RecordType
from throughcare.core.errors import Invalid, Refused, Stale
from throughcare.record import presenters as record_presenters
from throughcare.ui.errors import add_service_errors, check_form
from throughcare.ui.forms import posted

from . import presenters, queries, services, snapshot
from .forms import (
    AgreementForm,
    GoalChangeForm,
    GoalForm,
    ProgressForm,
    RemoveGoalForm,
    StepChangeForm,
    StepForm,
)
from .models import AREA_FOR_PATHWAY, Goal, Pathway

A = policy.Action
SECTION = "plan"


def _page(request: HttpRequest, access: policy.Access, template: str, **extra: Any) -> HttpResponse:
    return render(
        request,
        f"resettlement/{template}",
        record_presenters.person_page(
            access,
            SECTION,
            may_change=presenters.may_change(access),
            owner_notice=presenters.owner_notice(access),
            plan_url=presenters.url("plan", access.person.pk),
            **extra,
        ),
    )


def _to_plan(access: policy.Access) -> HttpResponse:
    return redirect("resettlement:plan", person_id=access.person.pk)


def _attempt(form: forms.Form, change: Callable[[], Any]) -> bool:
    """Runs the service: its refusals and errors go on the form (what was typed is kept); a
    stale save also takes the row's version now, so that saving again is possible."""
    try:
        change()
    except Stale as stale:
        form.add_error(None, stale.message)
        current = getattr(stale, "current", None)
        # A row (a goal, a step) or a section's state (the agreement): its version now.
        now = (
            current.get("version")
            if isinstance(current, dict)
            else getattr(current, "version", None)
        )
        if now is not None and "version" in form.fields:
            data = cast(QueryDict, form.data).copy()
            data["version"] = str(now)
            form.data = data
        return False
    except Invalid as invalid:
        add_service_errors(form, invalid)
        return False
    except Refused as refused:
        form.add_error(None, refused.reason)
        return False
    return True


@require_GET
@person_page(action=A.VIEW_PLAN, record_type=RecordType.PLAN)
def plan(request: HttpRequest, access: policy.Access) -> HttpResponse:
    document = queries.document(access.person)
    version = queries.current_version(document)
    goals = queries.goals(access)
    may_change = presenters.may_change(access)
    may_record = access.can(A.EDIT)
    by_pathway = [
        (
            label,
            [
                presenters.goal_card(goal, may_change=may_change, may_record=may_record)
                for goal in items
            ],
        )
        for label, items in queries.by_pathway(goals)
    ]
    return _page(
        request,
        access,
        "plan.html",
        version=version,
        state=presenters.state_tag(version),
        by_pathway=by_pathway,
        removed=[goal for goal in goals if goal.removed],
        agreement=presenters.agreement_rows(version),
        needs=presenters.needs_to_offer(access, goals),
        overdue=_overdue_text(len(queries.overdue(goals))),
        versions_url=presenters.versions_url(access.person.pk),
        editable=version is None or version.editable or version.locked,
        waiting=version is not None and not version.editable and not version.locked,
        open_editable=version is not None and version.editable,
    )


def _overdue_text(count: int) -> str:
    if not count:
        return ""
    return "1 step is overdue" if count == 1 else f"{count} steps are overdue"


def _goal_initial(request: HttpRequest) -> dict[str, Any]:
    need = request.GET.get("need")
    if need in Pathway.values:
        return {"pathway": need, "area_of_need": AREA_FOR_PATHWAY[need]}
    return {}


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.PLAN_GOAL)
def goal_create(request: HttpRequest, access: policy.Access) -> HttpResponse:
    form = GoalForm(
        posted(request), initial=_goal_initial(request), options=queries.chosen_options(access)
    )

    def check(data: dict[str, Any]) -> None:
        services.check_goal(data, person=access.person)

    if request.method == "POST" and check_form(form, check):
        new = services.NewGoal.from_cleaned(form.cleaned_data)
        if _attempt(
            form, lambda: services.add_goal(user=access.user, person=access.person, new=new)
        ):
            messages.success(request, f"Goal added: {new.title}")
            return _to_plan(access)
    return _page(request, access, "goal_form.html", form=form, goal=None)


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.PLAN_GOAL)
def goal_change(request: HttpRequest, access: policy.Access, goal_id: int) -> HttpResponse:
    found = queries.goal(access, goal_id)
    initial = {
        "pathway": found.pathway,
        "area_of_need": found.area_of_need,
        "title": found.title,
        "status": found.status,
        "target_date": found.target_date,
        "option": found.option_id,
        "version": found.version,
    }
    form = GoalChangeForm(posted(request), initial=initial, options=queries.chosen_options(access))

    def check(data: dict[str, Any]) -> None:
        services.check_goal(data, person=access.person, was=found.target_date, new=False)

    if request.method == "POST" and check_form(form, check):
        new = services.NewGoal.from_cleaned(form.cleaned_data)
        expected = form.cleaned_data["version"]
        if _attempt(
            form,
            lambda: services.change_goal(user=access.user, goal=found, new=new, expected=expected),
        ):
            messages.success(request, f"Goal saved: {new.title}")
            return _to_plan(access)
    return _page(request, access, "goal_form.html", form=form, goal=found)


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.PLAN_GOAL)
def goal_remove(request: HttpRequest, access: policy.Access, goal_id: int) -> HttpResponse:
    found = queries.goal(access, goal_id)
    form = RemoveGoalForm(posted(request), initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        expected = form.cleaned_data["version"]
        if _attempt(
            form, lambda: services.remove_goal(user=access.user, goal=found, expected=expected)
        ):
            messages.success(request, f"Goal removed: {found.title}")
            return _to_plan(access)
    return _page(request, access, "goal_remove.html", form=form, goal=found)


def _live_goal(access: policy.Access, goal_id: int) -> Goal:
    return queries.goal(access, goal_id)


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.PLAN_STEP)
def step_create(request: HttpRequest, access: policy.Access, goal_id: int) -> HttpResponse:
    goal = _live_goal(access, goal_id)
    form = StepForm(posted(request), partners=queries.partners())

    def check(data: dict[str, Any]) -> None:
        services.check_step(data, person=access.person)

    if request.method == "POST" and check_form(form, check):
        new = services.NewStep.from_cleaned(form.cleaned_data)
        if _attempt(form, lambda: services.add_step(user=access.user, goal=goal, new=new)):
            messages.success(request, "Step added")
            return _to_plan(access)
    return _page(request, access, "step_form.html", form=form, goal=goal, step=None)


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.PLAN_STEP)
def step_change(request: HttpRequest, access: policy.Access, step_id: int) -> HttpResponse:
    found = queries.step(access, step_id)
    initial = {
        "description": found.description,
        "owner": found.owner,
        "organisation": found.organisation_id,
        "due_date": found.due_date,
        "status": found.status,
        "version": found.version,
    }
    form = StepChangeForm(posted(request), initial=initial, partners=queries.partners())

    def check(data: dict[str, Any]) -> None:
        services.check_step(data, person=access.person, was=found.due_date, new=False)

    if request.method == "POST" and check_form(form, check):
        new = services.NewStep.from_cleaned(form.cleaned_data)
        expected = form.cleaned_data["version"]
        if _attempt(
            form,
            lambda: services.change_step(user=access.user, step=found, new=new, expected=expected),
        ):
            messages.success(request, "Step saved")
            return _to_plan(access)
    return _page(request, access, "step_form.html", form=form, goal=found.goal, step=found)


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.STEP_PROGRESS)
def progress(request: HttpRequest, access: policy.Access, step_id: int) -> HttpResponse:
    found = queries.step(access, step_id)
    form = ProgressForm(posted(request), initial={"status": found.status})
    if request.method == "POST" and check_form(form, services.check_progress):
        data = form.cleaned_data
        if _attempt(
            form,
            lambda: services.add_progress(
                user=access.user, step=found, note=data["note"], status=data["status"]
            ),
        ):
            messages.success(request, "Progress note added")
            return _to_plan(access)
    return _page(request, access, "progress_form.html", form=form, step=found)


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.SIGNED_DOCUMENT_VERSION)
def agreement(request: HttpRequest, access: policy.Access) -> HttpResponse:
    version = queries.current_version(queries.document(access.person))
    editable = version is not None and version.editable
    number = version.number if version is not None else 1
    values = (version.content.get(snapshot.AGREEMENT) or {}) if editable and version else {}
    section = (version.sections.get(snapshot.AGREEMENT) or {}) if editable and version else {}
    form = AgreementForm(
        posted(request),
        number=number,
        initial={
            "agreement": values.get("agreement"),
            "words": values.get("words"),
            "version": int(section.get("version", 0)),
        },
    )

    def check(data: dict[str, Any]) -> None:
        services.check_agreement(data, number=number)

    if request.method == "POST" and check_form(form, check):
        data = form.cleaned_data
        if _attempt(
            form,
            lambda: services.record_agreement(
                access.user,
                access.person,
                agreement=data["agreement"],
                words=data.get("words") or "",
                expected=data["version"],
            ),
        ):
            messages.success(request, "The person's agreement was recorded")
            return _to_plan(access)
    return _page(
        request, access, "agreement_form.html", form=form, version=version, editable=editable
    )


class SubmitForm(forms.Form):
    """Nothing to fill in: the button."""


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.SIGNED_DOCUMENT_VERSION)
def submit(request: HttpRequest, access: policy.Access) -> HttpResponse:
    """Check the plan, then submit it."""
    version = queries.current_version(queries.document(access.person))
    form = SubmitForm(posted(request))
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(form, lambda: services.submit(access.user, access.person))
    ):
        done = queries.current_version(queries.document(access.person))
        if done is not None and done.locked:
            messages.success(request, f"Version {done.number} of the plan submitted and signed")
        else:
            messages.success(
                request,
                "The plan was submitted. The senior probation officer was asked to countersign it",
            )
        return _to_plan(access)
    editable = version is not None and version.editable
    return _page(
        request,
        access,
        "submit.html",
        form=form,
        version=version,
        editable=editable,
        problems=list(services.problems(version).values()) if editable and version else [],
        rows=snapshot.version_rows(version) if version is not None else [],
    )
