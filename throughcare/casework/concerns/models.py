"""An urgent concern and the actions taken on it."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models

from throughcare.audit.models import RecordType
from throughcare.core.models import CaseRecord

from ..sources import Sourced

TEXT_LIMIT = 20_000
REFERENCE_LIMIT = 100


class UrgentConcern(Sourced):
    """What was said or seen that puts someone at immediate risk, with who said or saw it
    (`Sourced`) and when. Open until resolved; acknowledged by the team's SPO."""

    class Type(models.TextChoices):
        NAMED_PERSON = "harm to a named person", "Immediate risk of harm to a named person"
        CHILD = "harm to a child", "Immediate risk of harm to a child"
        STAFF = "harm to staff", "Immediate risk of harm to staff"
        SELF = "harm to self", "Immediate risk of harm to the person themselves"
        FURTHER_OFFENCE = "further offence", "Disclosure of a further offence"
        OTHER = "other", "Other"

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="urgent_concerns"
    )
    concern_type = models.CharField("Type of concern", max_length=40, choices=Type.choices)
    account = models.TextField("What was said or seen")
    occurred_at = models.DateTimeField("When it was said or seen")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution = models.TextField(blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    audit_record_type = RecordType.URGENT_CONCERN

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "resolved_at"])]

    def __str__(self) -> str:
        return self.get_concern_type_display()

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    @property
    def time_to_acknowledge(self) -> timedelta | None:
        return self.acknowledged_at - self.created_at if self.acknowledged_at else None

    @property
    def time_to_resolve(self) -> timedelta | None:
        return self.resolved_at - self.created_at if self.resolved_at else None


class ConcernAction(CaseRecord):
    """Something done about an urgent concern, when, and the reference the agency gave."""

    class Kind(models.TextChoices):
        MANAGER = "manager told", "Manager told"
        POLICE = "police informed", "Police informed"
        CHILDREN = "children's services informed", "Children's services informed"
        ADULTS = "adults' services informed", "Adults' services informed"
        OTHER = "other", "Other action"

    # The agencies that give a reference, which must be recorded.
    NEEDS_REFERENCE = frozenset({Kind.POLICE, Kind.CHILDREN, Kind.ADULTS})

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    concern = models.ForeignKey(UrgentConcern, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField("Action taken", max_length=40, choices=Kind.choices)
    taken_at = models.DateTimeField("When")
    reference = models.CharField(max_length=REFERENCE_LIMIT, blank=True)
    details = models.TextField(blank=True)

    class Meta:
        ordering = ["taken_at", "pk"]
        indexes = [models.Index(fields=["person", "concern"])]

    def __str__(self) -> str:
        return self.get_kind_display()
