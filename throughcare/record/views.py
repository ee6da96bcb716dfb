"""The Overview section of a person's record and the pages that change the person's details:
sentences, offences, victims, other names, the details themselves and the allocation. Views
call queries and services only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from throughcare.access import policy
from throughcare.access.pages import person_page
from throughcare.core.errors import Invalid
from throughcare.people import conflicts, services, validation
from throughcare.people.commands import (
    NewAlias,
    NewOffence,
    NewSentence,
    NewVictim,
    PersonChanges,
)
from throughcare.people.models import Person
from throughcare.ui.errors import add_service_errors, check_form
from throughcare.ui.forms import posted, posted_values

from . import presenters, queries
from .forms import (
    AliasForm,
    OffenceForm,
    PersonDetailsForm,
    ReallocationForm,
    SentenceForm,
    VictimForm,
)


@person_page(action=policy.Action.VIEW)
def overview(request: HttpRequest, access: policy.Access) -> HttpResponse:
    rows = queries.overview_rows(access)
    return render(
        request,
        "record/overview.html",
        presenters.person_page(
            access,
            "overview",
            sentences=rows.sentences,
            victims=rows.victims,
            aliases=rows.aliases,
        ),
    )


@require_http_methods(["GET", "POST"])
@person_page(action=policy.Action.EDIT, record_type="sentence")
def sentence_create(request: HttpRequest, access: policy.Access) -> HttpResponse:
    user = policy.signed_in_user(request)
    return _add_to_record(
        request,
        access,
        SentenceForm(posted(request)),
        lambda data: services.add_sentence(
            user=user, person=access.person, sentence=NewSentence.from_cleaned(data)
        ),
        check=lambda data: validation.check_sentence(person=access.person, data=data),
        done="Sentence added",
        template="record/sentence_form.html",
    )


@require_http_methods(["GET", "POST"])
@person_page(action=policy.Action.EDIT, record_type="offence")
def offence_create(request: HttpRequest, access: policy.Access, sentence_id: int) -> HttpResponse:
    user = policy.signed_in_user(request)
    sentence = get_object_or_404(access.person.sentences, pk=sentence_id)
    return _add_to_record(
        request,
        access,
        OffenceForm(posted(request)),
        lambda data: services.add_offence(
            user=user,
            person=access.person,
            sentence=sentence,
            offence=NewOffence.from_cleaned(data),
        ),
        check=lambda data: validation.check_offence(
            person=access.person, sentence=sentence, data=data
        ),
        done="Offence added",
        template="record/offence_form.html",
        sentence=sentence,
    )


@require_http_methods(["GET", "POST"])
@person_page(action=policy.Action.EDIT, record_type="victim")
def victim_create(request: HttpRequest, access: policy.Access) -> HttpResponse:
    user = policy.signed_in_user(request)
    if not access.can(policy.Action.VIEW_VICTIMS):
        raise PermissionDenied
    return _add_to_record(
        request,
        access,
        VictimForm(posted(request)),
        lambda data: services.add_victim(
            user=user, person=access.person, victim=NewVictim.from_cleaned(data)
        ),
        done="Victim details added",
        template="record/victim_form.html",
    )


@require_http_methods(["GET", "POST"])
@person_page(action=policy.Action.EDIT, record_type="person")
def person_change(request: HttpRequest, access: policy.Access) -> HttpResponse:
    """Change a person's details. A save from a stale copy is refused: the page then shows what
    changed meanwhile beside what the user changed, ready to save again (people.conflicts)."""
    user = policy.signed_in_user(request)
    person = access.person
    form = PersonDetailsForm(
        posted(request), initial=_edit_initial(person, services.EDITABLE_FIELDS)
    )
    stale = None

    def check(data: dict[str, Any]) -> None:
        validation.check_person(data, person=person)

    if request.method == "POST" and check_form(form, check):
        data = form.cleaned_data
        try:
            services.update_person(
                user=user,
                person=person,
                changes=PersonChanges.from_cleaned(data),
                expected_version=data["version"],
                loaded=conflicts.loaded_values(data["loaded"], person.pk, data["version"]),
            )
        except services.StaleEditError as conflict:
            stale = _refuse_stale(request, form, conflict, services.EDITABLE_FIELDS)
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Details saved")
            return redirect("record:overview", person_id=person.pk)
    return render(
        request,
        "record/person_change.html",
        presenters.person_page(access, "overview", form=form, stale=stale),
    )


ALLOCATION_FIELDS = ("pom", "com")


@require_http_methods(["GET", "POST"])
@person_page(action=policy.Action.REALLOCATE, record_type="allocation")
def reallocate(request: HttpRequest, access: policy.Access) -> HttpResponse:
    """A senior probation officer changes the allocated POM and COM."""
    user = policy.signed_in_user(request)
    person = access.person
    form = ReallocationForm(posted(request), initial=_edit_initial(person, ALLOCATION_FIELDS))
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.reallocate(
                user=user,
                person=person,
                pom=data["pom"],
                com=data["com"],
                expected_version=data["version"],
                loaded=conflicts.loaded_values(data["loaded"], person.pk, data["version"]),
            )
        except services.StaleEditError as conflict:
            stale = _refuse_stale(request, form, conflict, ALLOCATION_FIELDS)
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Allocation changed")
            return redirect("record:overview", person_id=person.pk)
    return render(
        request,
        "record/reallocate.html",
        presenters.person_page(access, "overview", form=form, stale=stale),
    )


def _edit_initial(person: Person, fields: tuple[str, ...]) -> dict[str, Any]:
    """A form's starting values: the person's, with the version they are at and, signed, the
    values as shown (so that a later save writes only what the user changed)."""
    return {
        **{field: getattr(person, field) for field in fields},
        "version": person.version,
        "loaded": conflicts.loaded_token(person, person.version, fields),
    }


def _refuse_stale(
    request: HttpRequest, form: Form, conflict: services.StaleEditError, fields: tuple[str, ...]
) -> dict[str, Any]:
    """Shows the refusal and offers the form again from the version now stored: the values
    someone else changed in the fields this user left alone, this user's own changes kept, and
    each field both changed marked. Returns the table of what changed meanwhile."""
    current = conflict.current
    changes = conflict.changes
    data = request.POST.copy()
    for field in changes.theirs - changes.mine:
        for key, text in posted_values(form, field, getattr(current, field)).items():
            if text is None:
                data.pop(key, None)
            else:
                data[key] = text
    data["version"] = str(current.version)
    data["loaded"] = conflicts.loaded_token(current, current.version, fields)
    stale = presenters.changed_meanwhile(conflict, form)
    form.data = data
    form.add_error(None, conflict)
    for field in [f for f in form.fields if f in changes.conflicts]:
        form.add_error(field, presenters.conflict_message(conflict, form, field))
    return stale


@require_http_methods(["GET", "POST"])
@person_page(action=policy.Action.EDIT, record_type="alias")
def alias_create(request: HttpRequest, access: policy.Access) -> HttpResponse:
    user = policy.signed_in_user(request)
    return _add_to_record(
        request,
        access,
        AliasForm(posted(request)),
        lambda data: services.add_alias(
            user=user, person=access.person, alias=NewAlias.from_cleaned(data)
        ),
        done="Other name added",
        template="record/alias_form.html",
    )


def _add_to_record(
    request: HttpRequest,
    access: policy.Access,
    form: Form,
    save: Callable[[dict[str, Any]], object],
    *,
    done: str,
    template: str,
    check: Callable[[dict[str, Any]], object] = lambda data: None,
    **extra: Any,
) -> HttpResponse:
    """The pages that add one thing to a person's record: on a valid post, `save` (a service
    call) runs; its refusals go onto the form with what was typed kept; success returns to the
    overview with `done` as the banner. `check`, the service's validation, runs with the form's
    own, so that one save shows every problem."""
    if request.method == "POST" and check_form(form, check):
        try:
            save(form.cleaned_data)
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, done)
            return redirect("record:overview", person_id=access.person.pk)
    return render(request, template, presenters.person_page(access, "overview", form=form, **extra))
