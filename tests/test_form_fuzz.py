"""Hostile input posted to every form: never a 500, always a GOV.UK error where the input is
wrong (with what else was typed kept), and nothing written for a refused post.

The forms are found from the pages themselves: every URL pattern of the project is opened
by every kind of user, and each `<form method="post">` on it is a form to try.
`test_every_form_is_fuzzed` fails when a new form appears that FORMS does not yet cover.

For each form, a post that would be accepted (its `valid` values) is changed one field at a
time: superscript and circled digits, a NUL byte or a 30-digit number in each day, month and
year box; a NUL byte and 20,001 characters in each text box; 30-digit, negative and
superscript ids in each choice; such numbers in each number box and the hidden version.
Then a 600-character unbroken word in each text box (which may be right), and the valid
post sent twice (a double click).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import pytest
from axes.utils import reset as reset_lockouts
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from tests import (
    fuzz_partners,
    fuzz_planning,
    fuzz_resettlement,
    fuzz_riskplan,
    fuzz_running,
    fuzz_world,
)
from tests.form_walk import (
    CHOICE,
    CHOICES,
    DATE_PART,
    EMAIL,
    HIDDEN,
    NUMBER,
    PASSWORD,
    TEXT,
    PageForm,
    post_forms,
)
from tests.fuzz_forms import FORMS, Fuzzed
from tests.fuzz_world import CASE_MODELS
from tests.test_access_matrix import named_patterns
from throughcare.access.models import Organisation, User
from throughcare.assessment.sections import SECTIONS as ASSESSMENT_SECTIONS
from throughcare.audit.models import AuditEvent, Operation
from throughcare.records.tests import sample_kind

pytestmark = pytest.mark.django_db

NUL = "a\x00b"
THIRTY_DIGITS = "1" * 30
BAD_DATE_PARTS = ["²", "⑤", "1\x00", THIRTY_DIGITS]
BAD_IDS = [THIRTY_DIGITS, "-1", "²", "1\x00"]
BAD_NUMBERS = [THIRTY_DIGITS, "²", "⑤"]
LONG_TEXT = "x" * 20_001
LONG_WORD = "W" * 600
# The longest an email address can be (a 64-character name at a 255-character domain).
LONG_EMAIL = "n" * 64 + "@" + ".".join(["d" * 63] * 3 + ["d" * 59]) + ".uk"

# Django's own messages: a GOV.UK page never shows one.
DJANGO_DEFAULTS = (
    "This field is required",
    "Ensure this value",
    "Select a valid choice",
    "Enter a whole number",
    "Null characters are not allowed",
    "is not a valid value",
    "Enter a list of values",
)


@pytest.fixture
def world(
    organisations: dict[str, Organisation],
    make_user: Callable[..., User],
    com: User,
    pom: User,
    client_for: Callable[[User], Client],
) -> dict[str, Any]:
    return fuzz_world.build(organisations, make_user, com, pom, client_for)


def _client(world: dict[str, Any], who: str) -> Client:
    if who == "anonymous":
        return Client()
    user = world["users"][who]
    if who in ("password only", "invited"):
        half = Client()
        if who == "invited":  # has opened the link in their invitation email, nothing more
            half.get(reverse("access:invitation", args=[world["invitation_token"]]))
        else:
            half.force_login(user)  # the password step only: the second factor is still to do
        return half
    client: Client = world["client_for"](user)
    return client


def _url(
    name: str, world: dict[str, Any], kwargs_names: list[str] | None = None, section: str = ""
) -> str:
    values = {
        "person_id": world["person"].pk,
        "sentence_id": world["sentence"].pk,
        "note_id": world["note"].pk,
        "user_id": world["users"]["com"].pk,
        "agreement_id": world["agreement"].pk,
        "request_id": world["request"].pk,
        "concern_id": world["concern"].pk,
        "advice_id": world["advice"].pk,
        "kind": "exclude",
        "token": world["invitation_token"],
        "interview_id": world["interview"].pk,
        "answer_id": world["interview"].answers.first().pk,
        "section": section or "opening",
        "version_id": world["assessment"].pk,
        "job_id": world["import_job"].pk,
        "document_kind": sample_kind.KEY,
        "number": 1,
        **fuzz_planning.url_values(world),
        **fuzz_riskplan.url_values(world),
        **fuzz_partners.url_values(world),
        **fuzz_resettlement.url_values(world),
        **fuzz_running.url_values(world),
    }
    names = kwargs_names if kwargs_names is not None else _converters(name)
    return reverse(name, kwargs={key: values[key] for key in names})


def _converters(name: str) -> list[str]:
    for found, pattern in named_patterns():
        if found == name:
            return list(getattr(pattern.pattern, "converters", {}))
    raise KeyError(name)


def _key(action: str) -> str:
    match = resolve(action)
    key = f"{match.namespace}:{match.url_name}" if match.namespace else str(match.url_name)
    if "kind" in match.kwargs:
        key += f" {match.kwargs['kind']}"
    if match.namespace == "assessment" and "section" in match.kwargs:
        key += f" {match.kwargs['section']}"  # each section of the assessment is its own form
    return key


def _form(world: dict[str, Any], key: str, client: Client) -> PageForm:
    fuzzed = FORMS[key]
    page_url = _url(fuzzed.page, world, section=fuzzed.section)
    response = client.get(page_url)
    assert response.status_code == 200, f"{key}: {page_url} is {response.status_code}"
    forms = [f for f in post_forms(response.content.decode(), page_url) if _key(f.action) == key]
    assert forms, f"{key}: no such form on {page_url}"
    return forms[0]


def snapshot() -> dict[str, Any]:
    """Every case record, and the changes audited (consultations are not changes)."""
    rows: dict[str, Any] = {
        model.__name__: sorted(map(repr, model.objects.values())) for model in CASE_MODELS
    }
    rows["audited changes"] = _audited_changes()
    return rows


def _audited_changes() -> int:
    return AuditEvent.objects.exclude(operation=Operation.CONSULTATION).count()


CASE_TABLES = frozenset(model._meta.db_table for model in CASE_MODELS)
WRITES = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def _case_tables_written(queries: list[dict[str, Any]]) -> set[str]:
    """The case tables a request's SQL inserted into, updated or deleted from."""
    return {
        match[1]
        for query in queries
        if (match := WRITES.match(query["sql"])) and match[1] in CASE_TABLES
    }


class Baseline:
    """The case records as they were before a form's hostile posts, read again only after a post
    that may have changed them: one whose SQL wrote to a case table (it may have been rolled
    back) or after which the audited changes were more. Every write to a case record is
    audited with it, which covers rows written other than through a cursor's SQL (PostgreSQL's
    COPY). Reading every case table before and after each of a form's dozens of posts took
    most of this test's time."""

    def __init__(self) -> None:
        self.rows = snapshot()

    def changed(self, written: set[str], audited: bool) -> bool:
        """Whether the records differ from the baseline; the baseline moves on if they do."""
        more_audited = audited and _audited_changes() != self.rows["audited changes"]
        if not written and not more_audited:
            return False
        now = snapshot()
        if not audited:
            now["audited changes"] = self.rows["audited changes"]
        differs = now != self.rows
        self.rows = now
        return differs


def _kept(data: dict[str, Any], form: PageForm, changed: str) -> list[str]:
    """The text the user typed in the other boxes, as the page must show it again."""
    return [
        html.escape(str(value), quote=True)
        for name, value in data.items()
        if name != changed
        and name in form.fields
        and form.fields[name].kind in (TEXT, EMAIL, DATE_PART, NUMBER)
        and isinstance(value, str)
        and value.strip()
        and value.isprintable()
    ]


def _mutations(form: PageForm) -> list[tuple[str, Any]]:
    """(field, value) pairs that must be refused."""
    tries: list[tuple[str, Any]] = []
    for name, item in form.fields.items():
        if item.kind == DATE_PART:
            tries += [(name, value) for value in BAD_DATE_PARTS]
        elif item.kind in (TEXT, PASSWORD):
            tries += [(name, NUL), (name, LONG_TEXT)]
        elif item.kind == EMAIL:
            tries += [(name, NUL), (name, LONG_TEXT), (name, LONG_EMAIL)]
        elif item.kind == CHOICE:
            tries += [(name, value) for value in BAD_IDS]
        elif item.kind == CHOICES:
            tries += [(name, [value]) for value in BAD_IDS]
        elif item.kind == NUMBER or (item.kind == HIDDEN and name == "version"):
            tries += [(name, value) for value in BAD_NUMBERS]
    return tries


# Text that may be cut short rather than refused: a search is only ever looked up.
ACCEPTED_AS_IS = {("caseload:search", "q")}


def _problems(response: Any, what: str) -> list[str]:
    if response.status_code >= 500:
        return [f"{what}: {response.status_code}"]
    if response.status_code in (302, 403, 404, 405, 429) or response.streaming:
        return []
    body = response.content.decode(errors="replace")
    return [f"{what}: shows Django's {m!r}" for m in DJANGO_DEFAULTS if m in body]


def _refused_clearly(
    client: Client,
    form: PageForm,
    fuzzed: Fuzzed,
    valid: dict[str, Any],
    name: str,
    value: Any,
    baseline: Baseline,
) -> list[str]:
    """One hostile value posted: no 500, nothing written, a GOV.UK error, what was typed kept."""
    what = f"{_key(form.action)}: {name}={str(value)[:12]!r}"
    with CaptureQueriesContext(connection) as queries:
        response = client.post(form.action, {**valid, name: value})
    failures = _problems(response, what)
    written = _case_tables_written(queries.captured_queries)
    if baseline.changed(written, audited=not fuzzed.audited_on_refusal):
        failures.append(f"{what}: written although refused")
    if response.status_code == 429:  # locked out after wrong passwords: a clear page too
        return failures
    body = "" if response.streaming else response.content.decode(errors="replace")
    if response.status_code != 200 or "govuk-error-summary" not in body:
        return [*failures, f"{what}: no GOV.UK error ({response.status_code})"]
    lost = [text for text in _kept(valid, form, name) if text not in body]
    if lost:
        failures.append(f"{what}: lost what was typed: {lost}")
    return failures


def _posted_twice(
    world: dict[str, Any], key: str, client: Client, form: PageForm
) -> tuple[list[str], PageForm]:
    """A double click: the second post is done again, or refused clearly; never a 500.
    Returns the problems and the form as the page shows it now."""
    fuzzed = FORMS[key]
    assert fuzzed.valid is not None
    reset_lockouts()
    if "version" in form.fields:  # the version the page shows now
        form = _form(world, key, client)
    valid = {**form.data(), **fuzzed.valid(world)}
    first = client.post(form.action, valid)
    assert first.status_code in (200, 302), f"{key}: the valid post is {first.status_code}"
    if first.status_code == 200 and not first.streaming:  # the audit export is streamed
        assert b"govuk-error-summary" not in first.content, f"{key}: the valid post fails"
    return _problems(client.post(form.action, valid), f"{key}: posted twice"), form


@pytest.mark.parametrize("key", sorted(FORMS))
def test_hostile_input_is_refused_clearly_and_writes_nothing(
    world: dict[str, Any], key: str
) -> None:
    fuzzed = FORMS[key]
    client = _client(world, fuzzed.user)
    form = _form(world, key, client)
    valid = {**form.data(), **(fuzzed.valid(world) if fuzzed.valid else {})}
    failures: list[str] = []
    baseline = Baseline()
    for name, value in _mutations(form):
        if (key, name) in ACCEPTED_AS_IS:
            what = f"{key}: {name}={str(value)[:12]!r}"
            failures += _problems(client.post(form.action, {**valid, name: value}), what)
        else:
            failures += _refused_clearly(client, form, fuzzed, valid, name, value, baseline)
    if fuzzed.valid is not None:
        problems, form = _posted_twice(world, key, client, form)
        failures += problems
        valid = {**form.data(), **fuzzed.valid(world)}
    # A 600-character word may well be right (in a note); if not, it is a clear error.
    for name, item in form.fields.items():
        if item.kind == TEXT:
            response = client.post(form.action, {**valid, name: LONG_WORD})
            what = f"{key}: {name}=<600-character word>"
            failures += _problems(response, what)
    assert not failures, "\n".join(failures)


def test_every_form_is_fuzzed(world: dict[str, Any]) -> None:
    """Every page, opened by every kind of user: each form that posts is one FORMS covers."""
    found: set[str] = set()
    for who in ("anonymous", *world["users"]):
        client = _client(world, who)
        for name, pattern in named_patterns():
            if name.startswith("admin:"):
                continue
            converters = list(getattr(pattern.pattern, "converters", {}))
            sections = (
                [s.key for s in ASSESSMENT_SECTIONS] if name == "assessment:section" else [""]
            )
            for section in sections:
                url = _url(name, world, converters, section)
                response = client.get(url)
                if response.status_code == 200 and response.get("Content-Type", "").startswith(
                    "text/html"
                ):
                    body = response.content.decode()
                    found |= {_key(form.action) for form in post_forms(body, url)}
    assert found == set(FORMS)


def test_the_baseline_sees_a_case_record_written_and_only_then_reads_every_table(
    person: Any,
) -> None:
    """The check the hostile posts rely on can fail: a write to a case record is seen."""
    baseline = Baseline()
    with CaptureQueriesContext(connection) as queries:
        AuditEvent.objects.filter(operation=Operation.CONSULTATION).exists()  # a read
    assert _case_tables_written(queries.captured_queries) == set()
    with CaptureQueriesContext(connection) as reading_again:
        assert not baseline.changed(set(), audited=True)
    assert len(reading_again.captured_queries) == 1  # the audited changes counted, nothing more
    assert type(person)._meta.db_table == "people_person"
    key = type(person)._meta.pk.get_db_prep_value(person.pk, connection)
    with CaptureQueriesContext(connection) as queries, connection.cursor() as cursor:
        # Written behind the audit's back, as a careless view might: the SQL still shows it.
        cursor.execute('UPDATE "people_person" SET family_name = %s WHERE id = %s', ["X", key])
    written = _case_tables_written(queries.captured_queries)
    assert written == {"people_person"}
    assert baseline.changed(written, audited=True)
    assert not baseline.changed(written, audited=True)  # the baseline moved on
