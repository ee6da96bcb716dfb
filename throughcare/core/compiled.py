"""A query read on every request whose SQL is built once per process and database, then run
with each request's values.

Django builds a query's SQL afresh each time it runs it. For most queries that is a small part
of the cost; for the reads every request makes (the session, the signed-in user with the
header's count, the second factor's device, and on a record's pages the gate's one query of the
person with their related rows and the subqueries the apps declare), building took as long as
PostgreSQL took to answer, or longer (issue 15: about 3 ms of the gate's 5 ms).

    _person = CompiledQuery(Person, build_person_query, person_id=Person._meta.pk,
                            user_id=User._meta.pk)
    person = _person.first(person_id=..., user_id=...)

`build` is called once per database alias with stand-in values (random, so they match nothing
else in the query), Django compiles what it returns, and the places of the stand-ins among the
query's parameters are remembered. A run puts the real values in those places, each prepared
as a lookup on its field would prepare it, sends the same SQL and turns the rows into model
instances as Django's own iterable does (the related rows of `select_related` and the
annotations included).

The query's shape must not depend on the values: `build` may use them only as values in
lookups (`filter(pk=person_id)`, `filter(user_id=user_id)`). A stand-in that Django does not
pass as one parameter (a value it folded into the SQL, or changed on the way) is not found, and
the first run says so rather than run a query for the wrong values. `reset()` forgets the SQL
(for declarations that change what `build` returns).
"""

from __future__ import annotations

import datetime
import random
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections, models, router
from django.db.models.query import get_related_populators
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    places: dict[str, tuple[int, ...]]
    compiler: SQLCompiler


def stand_in(field: models.Field[Any, Any]) -> Any:
    """A value of the field's type that no real row has (a random UUID, a negative id, random
    text, a moment of a random day in 1901)."""
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.DateTimeField):
        return datetime.datetime(1901, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(
            seconds=random.randint(1, 364 * 24 * 3600)  # noqa: S311 - a stand-in
        )
    if isinstance(field, models.CharField) and (field.max_length or 0) >= 16:
        return f"stand-in-{uuid.uuid4().hex}"[: field.max_length]
    if isinstance(field, (models.AutoField, models.BigAutoField, models.IntegerField)):
        # Within a 4-byte integer: Django folds a value out of the column's range into the SQL.
        return -random.randint(10**8, 2 * 10**9)  # noqa: S311 - a stand-in, not a secret
    raise TypeError(f"No stand-in for a {type(field).__name__}")


class CompiledQuery(Generic[M]):
    def __init__(
        self,
        model: type[M],
        build: Callable[..., models.QuerySet[M]],
        **slots: models.Field[Any, Any],
    ) -> None:
        self.model = model
        self.build = build
        self.slots = slots
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def reset(self) -> None:
        with self._lock:
            self._compiled.clear()

    def _compile(self, alias: str) -> _Compiled:
        stand_ins = {name: stand_in(field) for name, field in self.slots.items()}
        queryset = self.build(**stand_ins)
        if queryset.model is not self.model:
            raise TypeError(f"build returned a query of {queryset.model.__name__}")
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        if compiler.has_extra_select or compiler.klass_info is None:
            raise TypeError("CompiledQuery reads whole model rows, with no extra select")
        connection = connections[alias]
        places: dict[str, tuple[int, ...]] = {}
        for name, field in self.slots.items():
            prepared = field.get_db_prep_value(stand_ins[name], connection, prepared=False)
            places[name] = tuple(i for i, value in enumerate(params) if value == prepared)
            if not places[name]:
                raise ValueError(f"{name} is not a parameter of the query that build returns")
        return _Compiled(sql, tuple(params), places, compiler)

    def compiled(self, alias: str) -> _Compiled:
        compiled = self._compiled.get(alias)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(alias) or self._compile(alias)
                self._compiled[alias] = compiled
        return compiled

    def run(self, **values: Any) -> list[M]:
        """The rows for these values, as model instances, from the database the routers give
        for reading the model."""
        if values.keys() != self.slots.keys():
            raise TypeError(f"Give exactly {', '.join(sorted(self.slots))}")
        alias = router.db_for_read(self.model)
        compiled = self.compiled(alias)
        connection = connections[alias]
        params = list(compiled.params)
        for name, field in self.slots.items():
            prepared = field.get_db_prep_value(values[name], connection, prepared=False)
            for place in compiled.places[name]:
                params[place] = prepared
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            fetched = cursor.fetchall()
        return self._instances(compiled.compiler, fetched, alias)

    def first(self, **values: Any) -> M | None:
        found = self.run(**values)
        return found[0] if found else None

    @staticmethod
    def _instances(compiler: SQLCompiler, fetched: list[Any], alias: str) -> list[M]:
        """As Django's ModelIterable makes them (`django.db.models.query`): the model's own
        columns, then the related rows, then the annotations."""
        select, klass_info = compiler.select, compiler.klass_info
        if klass_info is None:  # pragma: no cover - refused when compiled
            raise TypeError("CompiledQuery reads whole model rows")
        model_cls = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [column[0].target.attname for column in select[start:end]]
        # Django 5.2 takes these three (django-stubs 6 describe Django 6, which adds one).
        related = get_related_populators(klass_info, select, alias)  # type: ignore[call-arg]
        annotations = compiler.annotation_col_map or {}
        instances = []
        for row in compiler.results_iter([fetched]):
            instance = model_cls.from_db(alias, init_list, row[start:end])
            for populator in related:
                populator.populate(row, instance)
            for name, place in annotations.items():
                setattr(instance, name, row[place])
            instances.append(instance)
        return instances
