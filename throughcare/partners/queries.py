"""Reads of referrals: for the case team, from a person loaded through the access policy
(`VIEW_OPTIONS`); for a partner worker, the referrals sent to their organisation under the
referral grant (`access/referral_grant.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Case, IntegerField, QuerySet, Value, When

from throughcare.access.policy import Access, Action
from throughcare.access.referral_grant import referred_filter
from throughcare.core.errors import NotFound
from throughcare.ui.forms import LARGEST_ID

from .models import Referral

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.planning.models import Option

_RELATED = ("person", "organisation", "option", "created_by")


def load(referral_id: Any) -> Referral | None:
    """The referral with this id, for the referral gate to decide on (None: there is none)."""
    if not 0 < int(referral_id) <= LARGEST_ID:
        return None
    return Referral.objects.select_related(*_RELATED).filter(pk=referral_id).first()


def of_person(access: Access) -> QuerySet[Referral]:
    if not access.can(Action.VIEW_OPTIONS):
        return Referral.objects.none()
    return Referral.objects.filter(person=access.person).select_related(*_RELATED)


def of_option(access: Access, option: Option) -> list[Referral]:
    return list(of_person(access).filter(option=option))


def referral(access: Access, referral_id: int) -> Referral:
    found = (
        of_person(access).filter(pk=referral_id).first() if 0 < referral_id <= LARGEST_ID else None
    )
    if found is None:
        raise NotFound("No such referral")
    return found


def latest_by_option(access: Access, options: list[Option]) -> dict[int, Referral]:
    """Each option's latest referral, for the tables of the Options section."""
    latest: dict[int, Referral] = {}
    ids = [option.pk for option in options]
    for found in of_person(access).filter(option_id__in=ids).order_by("created_at", "pk"):
        latest[found.option_id] = found
    return latest


def to_organisation(user: User) -> QuerySet[Referral]:
    """The referrals sent to this partner worker's organisation: those waiting for an answer
    first, then the rest, newest first (withdrawn ones are listed without their details)."""
    return (
        Referral.objects.filter(referred_filter(user))
        .select_related("person", "organisation")
        .annotate(
            waiting=Case(
                When(status__in=[Referral.Status.SENT], then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("waiting", "-created_at", "-pk")
    )
