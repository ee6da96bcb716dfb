"""The team view (issue 16 point 1): a senior probation officer's landing page, over their
team's people; a prison or community offender manager's over their own. `?show=<figure>`
lists the people behind one figure. Every person named is a consultation of their record."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from throughcare.access import policy
from throughcare.access.models import Role, User
from throughcare.audit import services as audit
from throughcare.audit.models import Operation, RecordType
from throughcare.core import clock
from throughcare.people.models import Person

from . import presenters, queries
from .figures import FIGURES, ActionFigure
from .queries import QUARTER_WEEKS, SOON_WEEKS


def _audit_shown(user: User, people: Iterable[Person]) -> None:
    audit.record_many(
        user=user,
        operation=Operation.CONSULTATION,
        record_type=RecordType.TEAM_VIEW,
        records=[(person.pk, person.pk) for person in people],
    )


def view(request: HttpRequest) -> HttpResponse:
    user = policy.signed_in_user(request)
    if not policy.may(user, policy.UserAction.TEAM_VIEW):
        raise PermissionDenied
    key = request.GET.get("show", "")
    if key and key not in FIGURES:
        raise Http404("No such list")
    today = clock.today()
    team = queries.team_view(user, today)
    # A senior probation officer's view is of their team's people; an officer's of their own.
    context = {"of_team": user.role == Role.SPO, "nav_section": "team"}
    if key:
        return _figure(request, user, team, key, context)
    soon = [entry for entry in team.releasing if entry.within(SOON_WEEKS)]
    later = [entry for entry in team.releasing if not entry.within(SOON_WEEKS)]
    _audit_shown(user, [entry.person for entry in team.releasing])
    return render(
        request,
        "insight_team/team.html",
        {
            **context,
            "summary": presenters.summary(team),
            "readiness": presenters.readiness_table(team),
            "soon": presenters.release_table(
                soon, f"Releasing in the next {SOON_WEEKS} weeks", "releasing-soon"
            )
            if soon
            else None,
            "later": presenters.release_table(
                later,
                f"Releasing in {SOON_WEEKS} to {QUARTER_WEEKS} weeks",
                "releasing-later",
            )
            if later
            else None,
            "actions": presenters.actions_table(team),
            "soon_weeks": SOON_WEEKS,
            "quarter_weeks": QUARTER_WEEKS,
        },
    )


def _figure(
    request: HttpRequest, user: User, team: queries.TeamView, key: str, context: dict[str, Any]
) -> HttpResponse:
    """The people behind one figure."""
    figure = FIGURES[key]
    if isinstance(figure, ActionFigure):
        people = queries.people(user, figure.people(team))
        table = presenters.people_table(figure, people, team)
    else:
        releasing = figure.people(team)
        people = [entry.person for entry in releasing]
        table = presenters.release_table(releasing, f"People {figure.words}", "people")
    _audit_shown(user, people)
    return render(
        request,
        "insight_team/figure.html",
        {**context, "figure": figure, "people": people, "table": table},
    )
