"""The Activity section: a timeline of case notes and a form to add one."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from throughcare.access import policy
from throughcare.access.pages import person_page
from throughcare.audit.models import RecordType
from throughcare.core import clock
from throughcare.core.errors import Invalid
from throughcare.core.paging import Paginator
from throughcare.record import presenters
from throughcare.ui.error_pages import post_only
from throughcare.ui.errors import add_service_errors, check_form
from throughcare.ui.forms import posted

from . import queries, services
from .forms import CaseNoteForm
from .presenters import timeline as timeline_params


@require_http_methods(["GET", "POST"])
@person_page(
    action=policy.Action.VIEW,
    post_action=policy.Action.ADD_CASE_NOTE,
    section="case_notes",
    record_type=RecordType.CASE_NOTE,
)
def activity(request: HttpRequest, access: policy.Access) -> HttpResponse:
    user = policy.signed_in_user(request)
    person = access.person
    form = CaseNoteForm(posted(request), initial={"occurred_on": clock.today()})
    if request.method == "POST" and check_form(form, services.check_case_note):
        try:
            services.add_case_note(
                user=user, person=person, note=services.NewCaseNote.from_cleaned(form.cleaned_data)
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Case note added")
            return redirect("casework:activity", person_id=person.pk)
    page = Paginator(queries.timeline(access), settings.CASELOAD_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    may_unmark = {
        note.pk
        for note in page.object_list
        if note.sensitive and services.may_unmark_sensitive(access, note)
    }
    return render(
        request,
        "casework/activity.html",
        presenters.person_page(
            access,
            "activity",
            form=form,
            page=page,
            pagination=presenters.pagination(page, {}),
            timeline=timeline_params(request, access, page.object_list, may_unmark),
        ),
    )


@post_only("casework:activity")
@person_page(action=policy.Action.ADD_CASE_NOTE, record_type="case note")
def mark_sensitive(request: HttpRequest, access: policy.Access, note_id: int) -> HttpResponse:
    user = policy.signed_in_user(request)
    person = access.person
    note = get_object_or_404(queries.timeline(access), pk=note_id)
    services.mark_sensitive(user=user, note=note)
    messages.success(request, "Note marked as sensitive")
    return redirect("casework:activity", person_id=person.pk)


@post_only("casework:activity")
@person_page(action=policy.Action.UNMARK_SENSITIVE, record_type="case note")
def unmark_sensitive(request: HttpRequest, access: policy.Access, note_id: int) -> HttpResponse:
    user = policy.signed_in_user(request)
    note = get_object_or_404(queries.timeline(access), pk=note_id)
    if not services.may_unmark_sensitive(access, note):
        raise PermissionDenied("Only the note's author or the team's SPO can do that")
    services.unmark_sensitive(user=user, note=note)
    messages.success(request, "Note is no longer marked as sensitive")
    return redirect("casework:activity", person_id=access.person.pk)
