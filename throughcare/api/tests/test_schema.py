"""Schemathesis against /api/v1/openapi.json, in process through Django's WSGI application:
generated requests to every operation, as a service account holding cases (half of them for a
person it holds, the rest for ids that do not exist), must get no 5xx and only responses the
schema describes (status codes, content types, bodies). Examples are limited so that the run
stays well under a minute."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from throughcare.access.models import User
from throughcare.people.models import Person
from throughcare.wsgi import application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """The WSGI application is called in process, so Django's request signals would close the
    database connection at the end of each request, and with it the test's transaction (on
    PostgreSQL). Django's test client sets the same handler aside for the same reason."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 15
PLAUSIBLE = {
    "date_of_birth": "1985-01-01",
    "prison_number": "",
    "pnc_number": "",
    "prison_id": None,
    "pom_id": None,
    "com_id": None,
}


def test_the_schema_is_openapi_3_1_and_every_operation_conforms(
    com: User, person: Person, make_token: Callable[..., Any]
) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    assert schema.raw_schema["openapi"].startswith("3.1")
    _, token = make_token(com)
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) == 11

    for operation in operations:

        @given(case=operation.as_strategy(), real=st.booleans())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any, real: bool) -> None:
            if real and case.path_parameters and "person_id" in case.path_parameters:
                case.path_parameters["person_id"] = str(person.pk)
            case.call_and_validate(headers=headers, checks=CHECKS)

        run()


def test_stateful_add_a_person_then_use_their_id(
    com: User, person: Person, make_token: Callable[..., Any]
) -> None:
    """Stateful: schemathesis follows the links of "Add a person" (its id to the person, their
    sentences, allocation and notes), so the generated calls reach records that exist."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    _, token = make_token(com)
    calls: list[tuple[str, int]] = []

    class Workflow(schema.as_state_machine()):  # type: ignore[misc]
        # Each scenario starts from the same database: what one scenario added is rolled back
        # before the next, so that a replayed scenario meets the state it met the first time.
        def setup(self) -> None:
            self.scenario = transaction.atomic()
            self.scenario.__enter__()

        def teardown(self) -> None:
            transaction.set_rollback(True)
            self.scenario.__exit__(None, None, None)

        def before_call(self, case: Any) -> None:
            # Random identifiers and dates are nearly always refused (rightly): keep the rest
            # of the generated person, with details that can be right, so that some are
            # added and their links followed.
            if case.operation.label == "POST /api/v1/people" and isinstance(case.body, dict):
                case.body.update(PLAUSIBLE)
                # And a name that can be right, different each time (not a duplicate).
                case.body.update(given_name="Sam", family_name=f"Tester{len(calls)}")

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": {"Authorization": f"Bearer {token}"}}

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            calls.append((case.operation.label, response.status_code))
            case.validate_response(response, checks=CHECKS)

    schemathesis.stateful.run_state_machine_as_test(
        Workflow,
        settings=settings(
            derandomize=True,  # the same scenarios every run: a failure can be replayed
            max_examples=20,
            stateful_step_count=6,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
    created = {label for label, status in calls if status in (200, 201)}
    assert "POST /api/v1/people" in created
    assert created - {"POST /api/v1/people", "GET /api/v1/people"}, "a linked call succeeded"
