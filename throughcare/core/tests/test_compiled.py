"""A query whose SQL is built once (`core.compiled`) reads what the same queryset reads, for any
values, with one query; a value the SQL does not take as a parameter is refused."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.test.utils import CaptureQueriesContext

from throughcare.core.compiled import CompiledQuery, stand_in
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def permissions(content_type_id: int, codename_length: int) -> QuerySet[Permission]:
    """Related rows, annotations of both kinds (a column, a subquery) and two values."""
    same_type = (
        Permission.objects.filter(content_type_id=OuterRef("content_type_id"))
        .order_by()
        .values("content_type_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Permission.objects.select_related("content_type")
        .annotate(model_name=F("content_type__model"), siblings=Subquery(same_type))
        .filter(content_type_id=content_type_id, pk__gt=codename_length)
        .order_by("pk")
    )


def read(permission: Permission) -> tuple[Any, ...]:
    return (
        permission.pk,
        permission.codename,
        permission.name,
        permission.content_type.app_label,
        permission.content_type.model,
        permission._state.db,
        permission.model_name,  # type: ignore[attr-defined]
        permission.siblings,  # type: ignore[attr-defined]
    )


def test_it_reads_what_the_queryset_reads_for_any_values_building_the_sql_once() -> None:
    built = []

    def build(content_type_id: int, above: int) -> QuerySet[Permission]:
        built.append((content_type_id, above))
        return permissions(content_type_id, above)

    query = CompiledQuery(
        Permission,
        build,
        content_type_id=Permission._meta.get_field("content_type").target_field,
        above=Permission._meta.pk,
    )
    content_types = sorted(set(Permission.objects.values_list("content_type_id", flat=True)))
    assert len(content_types) > 3
    for content_type_id in content_types[:4]:
        first = Permission.objects.filter(content_type_id=content_type_id).order_by("pk")
        for above in (0, first.values_list("pk", flat=True)[0]):
            expected = [read(p) for p in permissions(content_type_id, above)]
            with CaptureQueriesContext(connection) as queries:
                found = [read(p) for p in query.run(content_type_id=content_type_id, above=above)]
            assert found == expected
            assert len(queries) == 1
    # Built once, with stand-ins no row has; reset builds it again.
    assert len(built) == 1
    assert built[0][0] < 0 and built[0][1] < 0
    query.reset()
    assert query.first(content_type_id=content_types[0], above=0) is not None
    assert len(built) == 2
    assert query.first(content_type_id=-1, above=0) is None


def test_a_uuid_slot_matches_the_person_and_no_one_else(
    make_person: Callable[..., Person],
) -> None:
    wanted, other = make_person(), make_person()
    query = CompiledQuery(
        Person, lambda person_id: Person.objects.filter(pk=person_id), person_id=Person._meta.pk
    )
    assert query.first(person_id=wanted.pk) == wanted
    assert query.first(person_id=other.pk) == other
    assert query.first(person_id=uuid.uuid4()) is None


def test_a_value_that_is_not_a_parameter_is_refused_on_the_first_run() -> None:
    # The value decides the query's shape (a slice), so it is never a parameter of it.
    query = CompiledQuery(
        Permission,
        lambda n: Permission.objects.order_by("pk")[: max(1, -n)],
        n=Permission._meta.pk,
    )
    with pytest.raises(ValueError, match="n is not a parameter"):
        query.run(n=3)
    with pytest.raises(TypeError, match="Give exactly n"):
        query.run(m=3)


def test_stand_ins_are_of_the_fields_type() -> None:
    assert isinstance(stand_in(Person._meta.pk), uuid.UUID)
    assert stand_in(Permission._meta.pk) < 0
    assert stand_in(Session._meta.get_field("session_key")).startswith("stand-in-")
    moment = stand_in(Session._meta.get_field("expire_date"))
    assert moment.year == 1901 and moment.tzinfo is not None
    with pytest.raises(TypeError):
        stand_in(Permission._meta.get_field("content_type"))
