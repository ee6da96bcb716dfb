"""What the team's figures pages share (`insight.outcomes`, `insight.equality`): who may see
them, and their CSV files."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from throughcare.access import policy
from throughcare.access.models import User
from throughcare.core import clock
from throughcare.ui.spreadsheet import csv_lines

NAV_SECTION = "team"


def figures_user(request: HttpRequest) -> User:
    """The signed-in user, if they may see the team's figures (`TEAM_FIGURES`); else 403."""
    user = policy.signed_in_user(request)
    if not policy.may(user, policy.UserAction.TEAM_FIGURES):
        raise PermissionDenied
    return user


# A figure: written as it is (a spreadsheet reads "-0.25" as a number, not a formula).
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def csv_response(rows: Iterable[list[str]], name: str) -> HttpResponse:
    """The rows as a CSV download named for today, never cached; every cell made safe for a
    spreadsheet but the figures."""
    lines = csv_lines(rows, keep=NUMBER)
    response = HttpResponse("".join(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-{clock.today().isoformat()}.csv"'
    )
    response["Cache-Control"] = "no-store"
    return response
