"""The release pages under /people/<id>/plan/release/: ready for release (the criteria met or
not, with their evidence, and marking ready), the day-of-release checklist, the handover (the
prison offender manager) and its acceptance (the community offender manager), recording
the release and the outcomes after it. Each page is for the case team; only the officer whose
task it is may act, and anyone else allowed to change the record is told whose task it is."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from throughcare.access import policy
from throughcare.access.models import Role
from throughcare.access.pages import person_page
from throughcare.audit.models import RecordType
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused, Stale
from throughcare.planning import ownership
from throughcare.planning.presenters import criteria_rows
from throughcare.record import presenters as record_presenters
from throughcare.ui.errors import add_service_errors, check_form
from throughcare.ui.forms import posted

from . import presenters, queries, services
from .forms import (
    AcceptForm,
    ChecklistForm,
    HandoverForm,
    OutcomeForm,
    ReadinessForm,
    ReleaseForm,
)
from .services import checklist as checklist_services
from .services import common
from .services import handover as handover_services
from .services import outcome as outcome_services

A = policy.Action
SECTION = "plan"


def _page(request: HttpRequest, access: policy.Access, template: str, **extra: Any) -> HttpResponse:
    return render(
        request, f"release/{template}", record_presenters.person_page(access, SECTION, **extra)
    )


def _done(request: HttpRequest, access: policy.Access, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("planning:plan", person_id=access.person.pk)


def _stale(form: Form, error: Stale, what: str) -> None:
    """Keeps what the user typed, tells them, and lets them save again over the newer copy."""
    form.add_error(
        None,
        f"Someone else saved the {what} since you opened it. Your answers are below: check "
        f"them against the {what} on the Plan page, then save again.",
    )
    data = QueryDict(mutable=True)
    data.update(form.data)
    data["version"] = str(getattr(error.current, "version", 0) or 0)
    form.data = data


def _version(form: Form) -> int:
    return int(form.cleaned_data.get("version") or 0)


@require_http_methods(["GET", "POST"])
@person_page(action=A.VIEW_PLAN, post_action=A.EDIT, record_type=RecordType.RELEASE_READINESS)
def readiness(request: HttpRequest, access: policy.Access) -> HttpResponse:
    person = access.person
    form = ReadinessForm(posted(request))
    may = ownership.may_change_plans(access.user, person)
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_ready(user=access.user, person=person)
        except (Invalid, Refused) as problem:
            add_service_errors(
                form, problem if isinstance(problem, Invalid) else Invalid(problem.reason)
            )
        else:
            return _done(request, access, "Marked as ready for release")
    view = queries.readiness_for(person, may_see_victims=access.can(A.VIEW_VICTIMS))
    return _page(
        request,
        access,
        "readiness.html",
        form=form,
        readiness=view,
        criteria=criteria_rows(view.criteria),
        may_mark=may,
        owner=presenters.owner_words(person),
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.DAY_OF_RELEASE)
def checklist(request: HttpRequest, access: policy.Access) -> HttpResponse:
    person = access.person
    current = queries.checklist(person)
    initial: dict[str, Any] = {"version": current.version if current else 0}
    if current is not None:
        initial.update({name: getattr(current, name) for name in checklist_services.FIELDS})
    form = ChecklistForm(posted(request), initial=initial)
    may = ownership.may_change_plans(access.user, person)
    if request.method == "POST" and may and check_form(form, services.check_checklist):
        try:
            services.save_checklist(
                user=access.user,
                person=person,
                data=form.cleaned_data,
                expected_version=_version(form),
            )
        except Stale as stale:
            _stale(form, stale, "checklist")
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            return _done(request, access, "Day-of-release checklist saved")
    return _page(
        request,
        access,
        "checklist.html",
        form=form,
        may=may,
        owner=presenters.owner_words(person),
        release_date=person.release_date,
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.HANDOVER)
def handover(request: HttpRequest, access: policy.Access) -> HttpResponse:
    person = access.person
    current = queries.handover(person)
    initial: dict[str, Any] = {"version": current.version if current else 0}
    if current is not None:
        initial.update({name: getattr(current, name) for name in handover_services.FIELDS})
        initial["meeting_held"] = services.YES if current.meeting_held else services.NO
    form = HandoverForm(posted(request), initial=initial)
    accepted = current is not None and current.accepted
    may = common.is_allocated(access.user, person, Role.POM) and not accepted
    if (
        request.method == "POST"
        and may
        and check_form(form, lambda data: services.check_handover(data, clock.today()))
    ):
        try:
            services.record_handover(
                user=access.user,
                person=person,
                data=form.cleaned_data,
                expected_version=_version(form),
            )
        except Stale as stale:
            _stale(form, stale, "handover")
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            return _done(
                request, access, "Handover recorded: the community offender manager can accept it"
            )
    return _page(
        request,
        access,
        "handover.html",
        form=form,
        may=may,
        accepted=accepted,
        due_on=queries.handover_due(person),
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.HANDOVER)
def accept(request: HttpRequest, access: policy.Access) -> HttpResponse:
    person = access.person
    current = queries.handover(person)
    form = AcceptForm(posted(request))
    may = (
        common.is_allocated(access.user, person, Role.COM)
        and current is not None
        and not current.accepted
    )
    if request.method == "POST" and may and form.is_valid():
        try:
            services.accept_handover(user=access.user, person=person)
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            return _done(request, access, "Handover accepted: you now own the plan")
    return _page(
        request,
        access,
        "accept.html",
        form=form,
        may=may,
        handover=current,
        rows=presenters.handover_rows(current) if current else [],
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.RELEASE)
def record_release(request: HttpRequest, access: policy.Access) -> HttpResponse:
    person = access.person
    current = queries.release(person)
    initial: dict[str, Any] = {"version": current.version if current else 0}
    if current is not None:
        initial.update(
            {
                name: getattr(current, name)
                for name in ("released_on", "slept", "slept_details", "appointment_kept")
            }
        )
    form = ReleaseForm(posted(request), initial=initial)
    may = common.is_allocated(access.user, person, Role.COM)
    sentenced_on = queries.sentence_date(person)

    def check(data: dict[str, Any]) -> None:
        services.check_release(data, today=clock.today(), sentenced_on=sentenced_on)

    if request.method == "POST" and may and check_form(form, check):
        try:
            services.record_release(
                user=access.user,
                person=person,
                data=form.cleaned_data,
                expected_version=_version(form),
            )
        except Stale as stale:
            _stale(form, stale, "release")
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            return _done(request, access, "Release recorded: they are now on licence")
    return _page(
        request,
        access,
        "release.html",
        form=form,
        may=may,
        current=current,
        sentenced_on=sentenced_on,
    )


@require_http_methods(["GET", "POST"])
@person_page(action=A.EDIT, record_type=RecordType.RELEASE_OUTCOME)
def outcomes(request: HttpRequest, access: policy.Access) -> HttpResponse:
    person = access.person
    release = queries.release(person)
    current = queries.outcome(person)
    initial: dict[str, Any] = {"version": current.version if current else 0}
    if current is not None:
        initial.update({name: getattr(current, name) for name in outcome_services.FIELDS})
    form = OutcomeForm(posted(request), initial=initial)
    may = common.is_allocated(access.user, person, Role.COM) and release is not None
    released_on = release.released_on if release else None

    def check(data: dict[str, Any]) -> None:
        services.check_outcome(data, today=clock.today(), released_on=released_on)

    if request.method == "POST" and may and check_form(form, check):
        try:
            services.record_outcome(
                user=access.user,
                person=person,
                data=form.cleaned_data,
                expected_version=_version(form),
            )
        except Stale as stale:
            _stale(form, stale, "outcomes")
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            return _done(request, access, "Outcomes after release saved")
    return _page(
        request,
        access,
        "outcomes.html",
        form=form,
        may=may,
        allocated=common.is_allocated(access.user, person, Role.COM),
        current=current,
        released_on=released_on,
    )
