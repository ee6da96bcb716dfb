"""The paginator gives Django's pages, with one query for a first page that holds every row
and two for any other page, as Django's own takes."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core.paginator import Paginator as DjangoPaginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from throughcare.core.paging import Paginator

pytestmark = pytest.mark.django_db


def shown(paginator: Any, number: Any) -> tuple[Any, ...]:
    page = paginator.get_page(number)
    return (
        [p.pk for p in page.object_list],
        page.number,
        paginator.count,
        paginator.num_pages,
        page.has_next(),
        page.has_previous(),
    )


@pytest.mark.parametrize("rows", [0, 1, 5, 6, 7, 12, 13])
@pytest.mark.parametrize("number", [None, 1, "1", "x", 2, "3", 99, -1])
@pytest.mark.parametrize("orphans", [0, 1])
def test_every_page_is_djangos(rows: int, number: Any, orphans: int) -> None:
    permissions = Permission.objects.order_by("pk")
    ids = list(permissions.values_list("pk", flat=True)[:rows])
    listed = permissions.filter(pk__in=ids)
    assert shown(Paginator(listed, 6, orphans=orphans), number) == shown(
        DjangoPaginator(listed, 6, orphans=orphans), number
    )


def queries_for(rows: int, number: Any) -> int:
    ids = list(Permission.objects.order_by("pk").values_list("pk", flat=True)[:rows])
    paginator = Paginator(Permission.objects.filter(pk__in=ids).order_by("pk"), 25)
    with CaptureQueriesContext(connection) as captured:
        shown(paginator, number)
    return len(captured.captured_queries)


def test_a_first_page_holding_every_row_is_one_query() -> None:
    assert queries_for(20, None) == queries_for(25, "1") == queries_for(1, 1) == 1
    assert queries_for(26, None) == queries_for(40, 2) == queries_for(40, "x") == 2
