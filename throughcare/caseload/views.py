"""The lists of people: a caseload (a partner's landing page, for a partner worker), search
and adding a person. Views call queries and services only."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import resolve, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods

from throughcare.access import policy
from throughcare.access.models import Role, User
from throughcare.audit import services as audit
from throughcare.audit.models import Operation
from throughcare.core import clock
from throughcare.core.errors import Invalid
from throughcare.notifications import queries as notifications
from throughcare.people import services, validation
from throughcare.people.commands import NewPerson
from throughcare.people.models import Person
from throughcare.record.forms import PersonForm
from throughcare.record.presenters import pagination
from throughcare.rules import text as text_rules
from throughcare.ui.errors import add_service_errors, check_form
from throughcare.ui.forms import posted

from . import flags, landing, presenters, queries


def _audit_shown(user: User, people: Iterable[Person], record_type: str = "caseload") -> None:
    """A page that names people is a consultation of each one shown."""
    audit.record_many(
        user=user,
        operation=Operation.CONSULTATION,
        record_type=record_type,
        records=[(person.pk, person.pk) for person in people],
    )


def home(request: HttpRequest) -> HttpResponse:
    """The service's home (`/`, where signing in leads, and the service name in the header):
    the user's landing page, their role's (`landing.register_home`: a senior probation
    officer's is the team view) or the caseload (for a partner worker, the people shared with
    them), served here by its own view, as it is at its own address, instead of a redirect to
    it: one request fewer each time someone goes home."""
    user = policy.signed_in_user(request)
    landing_view = resolve(reverse(landing.home_for(user))).func
    return landing_view(request)


def caseload(request: HttpRequest) -> HttpResponse:
    user = policy.signed_in_user(request)
    if user.role == Role.PARTNER:
        return _shared_with_partner(request, user)
    today = clock.today()
    sort = request.GET.get("sort", queries.DEFAULT_SORT)
    if sort not in queries.sort_keys():
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
        "caseload/caseload.html",
        {
            "page": page,
            "table": presenters.caseload_table(
                page,
                options,
                today,
                show_allocation=user.role == Role.SPO,
                flagged=flags.flags_for([person.pk for person in page.object_list]),
            ),
            "pagination": pagination(page, _query_without_page(request)),
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
        "caseload/shared_with_partner.html",
        {
            "page": page,
            "table": presenters.shared_table(page.object_list),
            "pagination": pagination(page, {}),
            "organisation": user.organisation,
            "panels": landing.panels_for(user),
            "nav_section": "caseload",
        },
    )


MIN_SEARCH = 2
# A search counts its matches up to this many: past it, the page says there are more and that
# more of the name will narrow them (nobody reads a thousand results), and it need not read
# every match of three letters across the country just to count them.
SEARCH_COUNTS_TO = 1_000
SEARCH_ERROR = "Enter at least 2 characters of a name, or a CRN, prison number or PNC number"
SAVED_SEARCHES = 20


class SearchPaginator(Paginator[Person]):
    """Pages of search results counted up to SEARCH_COUNTS_TO: `more` says whether there are
    more matches than that (the pages then reach that many, in the same order)."""

    def __init__(self, people: QuerySet[Person], per_page: int) -> None:
        super().__init__(people, per_page)
        self.people = people

    @cached_property
    def count(self) -> int:
        return min(self._counted, SEARCH_COUNTS_TO)

    @cached_property
    def more(self) -> bool:
        return self._counted > SEARCH_COUNTS_TO

    @cached_property
    def _counted(self) -> int:
        # COUNT over the first SEARCH_COUNTS_TO + 1 matches: the database stops there.
        return self.people.order_by()[: SEARCH_COUNTS_TO + 1].count()

    def page(self, number: Any) -> Page[Person]:
        """The page's people: their ids first, in the results' order (sorting thousands of
        matches by name is cheaper without carrying every column and annotation of each),
        then those people, with all the policy's annotations."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)  # never past the count, when it stops
        ids = list(self.people.values_list("pk", flat=True)[bottom:top])
        found = {person.pk: person for person in self.people.filter(pk__in=ids).order_by()}
        return Page([found[pk] for pk in ids if pk in found], number, self)


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
            return redirect(f"{reverse('caseload:search')}?s={new_token}")
    elif saved_token := request.GET.get("s"):
        text = str(request.session.get("searches", {}).get(saved_token) or "")
        if not text:
            error = "That search has expired. Search again."
    if text and not error:
        people = queries.search(user, text)
        page = SearchPaginator(people, settings.SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
        audit.record_many(
            user=user,
            operation=Operation.CONSULTATION,
            record_type="search result",
            records=[(person.pk, person.pk) for person in page.object_list],
        )
    return render(
        request,
        "caseload/search.html",
        {
            "q": text,
            "page": page,
            "counts_to": f"{SEARCH_COUNTS_TO:,}",
            "table": presenters.search_table(page.object_list) if page else None,
            "pagination": (pagination(page, {"s": request.GET.get("s", "")}) if page else {}),
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
            person = services.create_person(
                user=user, details=NewPerson.from_cleaned(form.cleaned_data)
            )
        except Invalid as invalid:
            note_duplicate(invalid)
            add_service_errors(form, invalid)
        else:
            messages.success(request, f"Record created for {person.full_name} (CRN {person.crn})")
            return redirect("record:overview", person_id=person.pk)
    return render(
        request,
        "caseload/person_form.html",
        {
            "form": form,
            "existing_notice": (
                format_html(
                    'This person already has a record: <a class="govuk-link" href="{}">{}, {}</a>',
                    reverse("record:overview", args=[existing.pk]),
                    existing.full_name,
                    existing.crn,
                )
                if existing
                else None
            ),
            "nav_section": "create",
        },
    )


def _query_without_page(request: HttpRequest) -> dict[str, str]:
    return {key: value for key, value in request.GET.dict().items() if key != "page"}


def attention(request: HttpRequest) -> HttpResponse:
    """What needs the signed-in user's attention: their own open items, overdue first."""
    user = policy.signed_in_user(request)
    today = clock.today()
    page = Paginator(notifications.open_for(user), settings.CASELOAD_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    _audit_shown(user, {item.person for item in page.object_list}, "notification")
    return render(
        request,
        "caseload/attention.html",
        {
            "page": page,
            "table": presenters.attention_table(page, today),
            "pagination": pagination(page, _query_without_page(request)),
            "nav_section": "attention",
        },
    )
