"""Caseload, search and the person's overview. Views call queries and services only."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods

from throughcare.access import policy
from throughcare.access.models import Role, User
from throughcare.audit import services as audit
from throughcare.audit.models import Operation
from throughcare.core import clock
from throughcare.rules import text as text_rules
from throughcare.ui.errors import add_service_errors, check_form
from throughcare.ui.forms import posted, posted_values

from . import conflicts, presenters, queries, services, validation
from .forms import (
    AliasForm,
    OffenceForm,
    PersonDetailsForm,
    PersonForm,
    ReallocationForm,
    SentenceForm,
    VictimForm,
)
from .models import Person


def _audit_shown(user: User, people: Iterable[Person], record_type: str = "caseload") -> None:
    """A page that names people is a consultation of each one shown."""
    audit.record_many(
        user=user,
        operation=Operation.CONSULTATION,
        record_type=record_type,
        records=[(person.pk, person.pk) for person in people],
    )


def caseload(request: HttpRequest) -> HttpResponse:
    user = policy.signed_in_user(request)
    if user.role == Role.PARTNER:
        return _shared_with_partner(request, user)
    today = clock.today()
    sort = request.GET.get("sort", queries.DEFAULT_SORT)
    if sort not in queries.SORTS:
        sort = queries.DEFAULT_SORT
    options = queries.CaseloadOptions(
        sort=sort,
        descending=request.GET.get("order") == "desc",
        releasing_soon=request.GET.get("releasing") == "soon",
    )
    people = queries.caseload(user, options, today)
    page = Paginator(people, settings.CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
    _audit_shown(user, page.object_list)
    return render(
        request,
        "people/caseload.html",
        {
            "page": page,
            "table": presenters.caseload_table(
                page, options, today, show_allocation=user.role == Role.SPO
            ),
            "pagination": presenters.pagination(page, _query_without_page(request)),
            "options": options,
            "weeks": queries.RELEASING_SOON_WEEKS,
            "nav_section": "caseload",
        },
    )


def _shared_with_partner(request: HttpRequest, user: User) -> HttpResponse:
    """A partner worker's landing page: the people shared with their organisation."""
    people = queries.shared_with(user)
    page = Paginator(people, settings.CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
    _audit_shown(user, page.object_list)
    return render(
        request,
        "people/shared_with_partner.html",
        {
            "page": page,
            "table": presenters.shared_table(page.object_list),
            "pagination": presenters.pagination(page, {}),
            "organisation": user.organisation,
            "nav_section": "caseload",
        },
    )


MIN_SEARCH = 2
SEARCH_ERROR = "Enter at least 2 characters of a name, or a CRN, prison number or PNC number"
SAVED_SEARCHES = 20


@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    """Find a person. What was typed never goes into a URL (where it would be kept in browser
    history and server logs): the form is posted, the text is kept in the session under a
    random token, and the results page is addressed by that token."""
    user = policy.signed_in_user(request)
    text = ""
    error = ""
    page = None
    if request.method == "POST":
        text = text_rules.without_control_characters(request.POST.get("q", "")).strip()[:200]
        if len(text) < MIN_SEARCH:
            error = SEARCH_ERROR
        else:
            new_token = secrets.token_urlsafe(9)
            saved = dict(list(request.session.get("searches", {}).items())[-(SAVED_SEARCHES - 1) :])
            saved[new_token] = text
            request.session["searches"] = saved
            return redirect(f"{reverse('people:search')}?s={new_token}")
    elif saved_token := request.GET.get("s"):
        text = str(request.session.get("searches", {}).get(saved_token) or "")
        if not text:
            error = "That search has expired. Search again."
    if text and not error:
        people = queries.search(user, text)
        page = Paginator(people, settings.SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
        audit.record_many(
            user=user,
            operation=Operation.CONSULTATION,
            record_type="search result",
            records=[(person.pk, person.pk) for person in page.object_list],
        )
    return render(
        request,
        "people/search.html",
        {
            "q": text,
            "page": page,
            "table": presenters.search_table(page.object_list) if page else None,
            "pagination": (
                presenters.pagination(page, {"s": request.GET.get("s", "")}) if page else {}
            ),
            "error_summary": (
                {"titleText": "There is a problem", "errorList": [{"text": error, "href": "#q"}]}
                if error
                else None
            ),
            "error_message": {"text": error} if error else None,
            "nav_section": "search",
        },
    )


@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    user = policy.signed_in_user(request)
    if not policy.may(user, policy.UserAction.CREATE_PERSON):
        raise PermissionDenied
    form = PersonForm(posted(request))
    existing = None

    def note_duplicate(invalid: ValidationError) -> None:
        nonlocal existing
        if (
            isinstance(invalid, validation.DuplicateIdentifierError)
            and policy.visible_people(user).filter(pk=invalid.existing.pk).exists()
        ):
            existing = invalid.existing
            _audit_shown(user, [existing], "duplicate notice")  # the notice names them

    def check(data: dict[str, Any]) -> None:
        validation.check_person(data, creator=user)

    if request.method == "POST" and check_form(form, check, note_duplicate):
        try:
            person = services.create_person(user=user, data=form.cleaned_data)
        except ValidationError as invalid:
            note_duplicate(invalid)
            add_service_errors(form, invalid)
        else:
            messages.success(request, f"Record created for {person.full_name} (CRN {person.crn})")
            return redirect("people:overview", person_id=person.pk)
    return render(
        request,
        "people/person_form.html",
        {
            "form": form,
            "existing_notice": (
                format_html(
                    'This person already has a record: <a class="govuk-link" href="{}">{}, {}</a>',
                    reverse("people:overview", args=[existing.pk]),
                    existing.full_name,
                    existing.crn,
                )
                if existing
                else None
            ),
            "nav_section": "create",
        },
    )


def overview(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    access = policy.person_for(request, person_id)
    person = access.person
    sentences = person.sentences.prefetch_related("offences")
    aliases = list(person.aliases.all())
    victims = person.victims.all() if access.can(policy.Action.VIEW_VICTIMS) else None
    return render(
        request,
        "people/overview.html",
        presenters.person_page(
            access, "overview", sentences=sentences, victims=victims, aliases=aliases
        ),
    )


@require_http_methods(["GET", "POST"])
def sentence_create(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    user = policy.signed_in_user(request)
    access = policy.person_for(
        request, person_id, record_type="sentence", action=policy.Action.EDIT
    )
    return _add_to_record(
        request,
        access,
        SentenceForm(posted(request)),
        lambda data: services.add_sentence(user=user, person=access.person, data=data),
        check=lambda data: validation.check_sentence(person=access.person, data=data),
        done="Sentence added",
        template="people/sentence_form.html",
    )


@require_http_methods(["GET", "POST"])
def offence_create(request: HttpRequest, person_id: uuid.UUID, sentence_id: int) -> HttpResponse:
    user = policy.signed_in_user(request)
    access = policy.person_for(request, person_id, record_type="offence", action=policy.Action.EDIT)
    sentence = get_object_or_404(access.person.sentences, pk=sentence_id)
    return _add_to_record(
        request,
        access,
        OffenceForm(posted(request)),
        lambda data: services.add_offence(
            user=user, person=access.person, sentence=sentence, data=data
        ),
        check=lambda data: validation.check_offence(
            person=access.person, sentence=sentence, data=data
        ),
        done="Offence added",
        template="people/offence_form.html",
        sentence=sentence,
    )


def _query_without_page(request: HttpRequest) -> dict[str, str]:
    return {key: value for key, value in request.GET.dict().items() if key != "page"}


@require_http_methods(["GET", "POST"])
def victim_create(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    user = policy.signed_in_user(request)
    access = policy.person_for(request, person_id, record_type="victim", action=policy.Action.EDIT)
    if not access.can(policy.Action.VIEW_VICTIMS):
        raise PermissionDenied
    return _add_to_record(
        request,
        access,
        VictimForm(posted(request)),
        lambda data: services.add_victim(user=user, person=access.person, data=data),
        done="Victim details added",
        template="people/victim_form.html",
    )


@require_http_methods(["GET", "POST"])
def person_change(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """Change a person's details. A save from a stale copy is refused: the page then shows what
    changed meanwhile beside what the user changed, ready to save again (people.conflicts)."""
    user = policy.signed_in_user(request)
    access = policy.person_for(request, person_id, record_type="person", action=policy.Action.EDIT)
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
                data=data,
                expected_version=data["version"],
                loaded=conflicts.loaded_values(data["loaded"], person.pk, data["version"]),
            )
        except services.StaleEditError as conflict:
            stale = _refuse_stale(request, form, conflict, services.EDITABLE_FIELDS)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Details saved")
            return redirect("people:overview", person_id=person.pk)
    return render(
        request,
        "people/person_change.html",
        presenters.person_page(access, "overview", form=form, stale=stale),
    )


ALLOCATION_FIELDS = ("pom", "com")


@require_http_methods(["GET", "POST"])
def reallocate(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """A senior probation officer changes the allocated POM and COM."""
    user = policy.signed_in_user(request)
    access = policy.person_for(
        request, person_id, record_type="allocation", action=policy.Action.REALLOCATE
    )
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
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Allocation changed")
            return redirect("people:overview", person_id=person.pk)
    return render(
        request,
        "people/reallocate.html",
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
def alias_create(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    user = policy.signed_in_user(request)
    access = policy.person_for(request, person_id, record_type="alias", action=policy.Action.EDIT)
    return _add_to_record(
        request,
        access,
        AliasForm(posted(request)),
        lambda data: services.add_alias(user=user, person=access.person, data=data),
        done="Other name added",
        template="people/alias_form.html",
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
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, done)
            return redirect("people:overview", person_id=access.person.pk)
    return render(request, template, presenters.person_page(access, "overview", form=form, **extra))
