"""Django's paginator, counting the rows only when it must.

A list's first page is usually all there is: a person's timeline holds a few dozen notes at
most for most people. Django's paginator counts the rows (a query) before it reads the page (a
second). Here the first page is read with one row more than fits; when they all fit, the count
is the number read and no count is asked for; when they do not, the rows are counted as Django
counts them (two queries, as before). Any other page is Django's own.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page
from django.core.paginator import Paginator as DjangoPaginator


def _first_page(number: Any) -> bool:
    """Whether Django's `get_page` would give the first page for this number without needing
    the count: no number, 1, or not a whole number."""
    if number is None:
        return True
    try:
        return int(number) == 1
    except (TypeError, ValueError):
        return True


class Paginator(DjangoPaginator):
    def get_page(self, number: Any) -> Page:
        if "count" in self.__dict__ or not _first_page(number):
            return super().get_page(number)
        rows = list(self.object_list[: self.per_page + self.orphans + 1])
        if len(rows) <= self.per_page + self.orphans:
            self.count = len(rows)  # Django's cached count, here known without asking
            return Page(rows, 1, self)
        # More than a page: counted as Django counts, the first page already read.
        return Page(rows[: self.per_page], 1, self)
