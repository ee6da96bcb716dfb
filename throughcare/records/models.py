"""Signed documents: a document about a person (`Document`, one of each kind), its versions
(`Version`: the answers as one JSON object, and where the version is in its lifecycle) and the
countersigner's comments (`Comment`, append-only).

The lock: a locked version never changes. Three levels refuse it:
- the ORM: `save()` or `delete()` of a version loaded locked raises `Refused` (and a locked
  version deleted by a cascade too); `update()` and `delete()` on a queryset refuse all case
  data (`CaseQuerySet`), and `audit.bulk.audited_update/delete` ask `guard_bulk()`, which
  refuses when a locked version is among the rows;
- the database: a trigger on PostgreSQL and on SQLite refuses UPDATE or DELETE of a row whose
  state is 'locked', and any UPDATE or DELETE of a comment (migration 0002);
- the services and pages, which ask the lifecycle table (`lifecycle.py`) before any change.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from throughcare.audit.models import RecordType
from throughcare.core.errors import Refused
from throughcare.core.models import CaseQuerySet, CaseRecord

from .lifecycle import EDITABLE, State

LOCKED_MESSAGE = "This version is locked: it cannot change. Start a new version to change it"
COMMENTS_MESSAGE = "Comments on a version are kept as written: they cannot change"


class Document(CaseRecord):
    """One signed document about a person, of one kind (e.g. "assessment"): its versions
    follow one another."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="signed_documents"
    )
    kind = models.CharField(max_length=40)

    audit_record_type = RecordType.SIGNED_DOCUMENT

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="records_one_document_a_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"

    def latest_locked(self) -> Version | None:
        """The newest locked version: the document as it stands signed."""
        return self.versions.filter(state=State.LOCKED).order_by("-number").first()

    def open_version(self) -> Version | None:
        """The version still being written or reviewed (at most one), if any."""
        return self.versions.exclude(state=State.LOCKED).order_by("-number").first()


class VersionQuerySet(CaseQuerySet["Version"]):
    def guard_bulk(self) -> None:
        if self.filter(state=State.LOCKED).exists():
            raise Refused(LOCKED_MESSAGE)


class Version(CaseRecord):
    """One version of a document: its answers, by section and field, as JSON; the state of
    each section (its own version for refusing a stale save, complete or not, who saved it
    and when); and its lifecycle: submitted, returned, countersigned, locked."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="document_versions"
    )
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    state = models.CharField(
        max_length=20, choices=[(s.value, s.label) for s in State], default=State.DRAFT.value
    )
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # {section_key: {field_name: JSON value}}
    content = models.JSONField(default=dict, blank=True)
    # {section_key: {"version": int, "complete": bool, "saved_by": str, "saved_at": iso}}
    sections = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The author's note to the countersigner (why a source is missing, say).
    submitted_note = models.TextField(blank=True)
    # Why it needs countersigning ("": it does not, and it locks on submission).
    countersignature_reason = models.CharField(max_length=300, blank=True)
    countersigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    countersigned_at = models.DateTimeField(null=True, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[models.Manager[Version]] = VersionQuerySet.as_manager()
    _loaded_state: str | None = None  # the state the row had when loaded (or last saved)

    audit_record_type = RecordType.SIGNED_DOCUMENT_VERSION

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="records_version_number_once"
            )
        ]

    def __str__(self) -> str:
        return f"Version {self.number} ({self.state})"

    @classmethod
    def from_db(cls, *args: Any, **kwargs: Any) -> Version:
        instance = super().from_db(*args, **kwargs)
        instance._loaded_state = instance.__dict__.get("state")
        return instance

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        super().refresh_from_db(*args, **kwargs)
        self._loaded_state = self.__dict__.get("state")

    @property
    def loaded_locked(self) -> bool:
        """Whether the row was locked when it was loaded (or last saved)."""
        return self._loaded_state == State.LOCKED

    @property
    def locked(self) -> bool:
        return self.state == State.LOCKED

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE

    @property
    def state_label(self) -> str:
        return State(self.state).label

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding and self.loaded_locked:
            raise Refused(LOCKED_MESSAGE)
        super().save(*args, **kwargs)
        self._loaded_state = self.state

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.loaded_locked or self.locked:
            raise Refused(LOCKED_MESSAGE)
        return super().delete(*args, **kwargs)


@receiver(pre_delete, sender=Version)
def _refuse_deleting_a_locked_version(sender: Any, instance: Version, **kwargs: Any) -> None:
    """A locked version deleted along with its document or person (a cascade) is refused too."""
    if instance.locked:
        raise Refused(LOCKED_MESSAGE)


class CommentQuerySet(CaseQuerySet["Comment"]):
    def guard_bulk(self) -> None:
        raise Refused(COMMENTS_MESSAGE)


class Comment(CaseRecord):
    """What a countersigner wrote on a version: why it was returned, or a remark on
    countersigning it. Append-only, so it needs no row version: `version` here is the version
    of the document it is on (in place of `CaseRecord.version`)."""

    class Kind(models.TextChoices):
        RETURNED = "returned", "Returned with comments"
        COUNTERSIGNED = "countersigned", "Countersigned with comments"

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="document_comments"
    )
    # In place of the row version (an append-only row needs none).
    version = models.ForeignKey(  # type: ignore[assignment]
        Version, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.RETURNED)

    objects: ClassVar[models.Manager[Comment]] = CommentQuerySet.as_manager()

    audit_record_type = RecordType.SIGNED_DOCUMENT_COMMENT

    class Meta:
        ordering = ["version", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.pk})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise Refused(COMMENTS_MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise Refused(COMMENTS_MESSAGE)
