"""The audit log: one append-only row for every collection, alteration, consultation,
disclosure, combination and erasure of case data (Data Protection Act 2018, section 62)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models


class Operation(models.TextChoices):
    COLLECTION = "collection", "Collection"
    ALTERATION = "alteration", "Alteration"
    CONSULTATION = "consultation", "Consultation"
    DISCLOSURE = "disclosure", "Disclosure"
    COMBINATION = "combination", "Combination"
    ERASURE = "erasure", "Erasure"


class Outcome(models.TextChoices):
    ALLOWED = "allowed", "Allowed"
    REFUSED = "refused", "Refused"


class RecordType(models.TextChoices):
    """What an event is about: a closed set. Stored values never change (they are hashed), so
    a spelling no longer written stays here, marked legacy (`LEGACY`), for old events to load."""

    # Case records: each model names its own (`audit_record_type`, see `services.record_for`).
    PERSON = "person", "Person"
    ALIAS = "alias", "Other name"
    SENTENCE = "sentence", "Sentence"
    OFFENCE = "offence", "Offence"
    VICTIM = "victim", "Victim"
    CASE_NOTE = "case note", "Case note"
    ACCESS_EXCLUSION = "access exclusion", "Access exclusion"
    ACCESS_RESTRICTION = "access restriction", "Access restriction"
    BREAK_GLASS_ACCESS = "break-glass access", "Break-glass access"
    SHARING_AGREEMENT = "sharing agreement", "Sharing agreement"
    AMENDMENT = "amendment", "Amendment"
    INTERVIEW = "interview", "Interview with the person"
    INTERVIEW_SECTION = "interview section", "Section of an interview"
    INTERVIEW_ANSWER = "interview answer", "Answer given in an interview"
    INFORMATION_REQUEST = "information request", "Information request"
    INFORMATION_REPLY = "information reply", "Reply to an information request"
    URGENT_CONCERN = "urgent concern", "Urgent concern"
    ADVICE_REQUEST = "advice request", "Request for advice"
    NOTIFICATION = "notification", "Notification"
    ASSESSMENT = "assessment", "Assessment of risk"
    SIGNED_DOCUMENT = "signed document", "Signed document"
    SIGNED_DOCUMENT_VERSION = "signed document version", "Version of a signed document"
    SIGNED_DOCUMENT_COMMENT = "signed document comment", "Comment on a version of a document"
    RELEASE_OPTION = "release option", "Release option"
    OPTION_EVALUATION = "option evaluation", "Evaluation of a release option"
    BARRIER = "barrier", "Barrier to a release option"
    PLANNING_RESTRICTION = "planning restriction", "Restriction on the person"
    LIAISON_CONSULTATION = "liaison consultation", "Victim liaison consultation"
    RELEASE_OPTIONS = "release options", "Release options"
    REFERRAL = "referral", "Referral or notice to a partner organisation"
    REFERRALS = "referrals", "Referrals to a partner organisation"
    PLAN_GOAL = "plan goal", "Goal of the resettlement plan"
    PLAN_STEP = "plan step", "Step of the resettlement plan"
    STEP_PROGRESS = "step progress", "Progress note on a step of the plan"
    RISK_ACTION = "risk management action", "Action of the risk management plan"
    LICENCE_CONDITION = "licence condition", "Licence condition"
    RELEASE_READINESS = "release readiness", "Ready for release"
    DAY_OF_RELEASE = "day-of-release checklist", "Day-of-release checklist"
    HANDOVER = "handover", "Handover from custody to community"
    RELEASE = "release", "Release from custody"
    PLAN_REVIEW = "plan review", "Review of the plan"
    SETBACK = "setback", "Setback or lapse"
    ESCALATION = "escalation", "Escalation to the senior probation officer"
    ENFORCEMENT = "enforcement recommendation", "Enforcement or recall recommendation"
    PLAN = "plan", "The plans and the release"
    PLAN_DOCUMENT = "plan document", "Document made from the plan"
    RELEASE_OUTCOME = "release outcome", "Outcomes after release"
    # Pages and parts of the record consulted.
    ALLOCATION = "allocation", "Allocation"
    ALLOCATED_STAFF_ACCESS = "allocated staff's access", "Allocated staff's access"
    BREAK_GLASS_QUESTION = "break-glass question", "Break-glass question"
    CASELOAD = "caseload", "Caseload"
    SEARCH_RESULT = "search result", "Search result"
    DUPLICATE_NOTICE = "duplicate notice", "Duplicate notice"
    DOCUMENTS = "documents", "Documents"
    SUBJECT_ACCESS = "subject access", "Subject access"
    SUBJECT_ACCESS_EXPORT = "subject access export", "Subject access export"
    SHARING_AND_ACCESS = "sharing and access", "Sharing and access"
    LIMITED_ACCESS = "limited access", "Limited access"
    CASELOAD_EXPORT = "caseload export", "Caseload export"
    RECORD_EXPORT = "record export", "Record export"
    # Oversight.
    WHO_HAS_SEEN = "who has seen", "Who has seen"
    USER_ACTIVITY = "user activity", "User activity"
    USER_ACTIVITY_REPORT = "user activity report", "User activity report"
    UNEXPECTED_ACCESS_REPORT = "unexpected access report", "Unexpected access report"
    AUDIT_EXPORT = "audit export", "Audit export"
    AUDIT_CHAIN = "audit chain", "Audit chain"
    # The team's view and the service's own figures (insight).
    TEAM_VIEW = "team view", "Team view"
    OUTCOMES_REPORT = "outcomes report", "Outcomes report"
    EQUALITY_REPORT = "equality report", "Equality monitoring report"
    FAIRNESS_REPORT = "fairness report", "Instruments' validation and fairness report"
    INSIGHT_EXPORT = "insight export", "Export of the service's figures"
    # Accounts and signing in.
    USER_ACCOUNT = "user account", "User account"
    USER_ACCOUNT_WIDENED = "user account, access widened", "User account, access widened"
    ORGANISATION = "organisation", "Organisation"
    ORGANISATION_WIDENED = "organisation, access widened", "Organisation, access widened"
    USER_INVITATION = "user invitation", "User invitation"
    USER_SECOND_FACTOR = "user's second factor", "User's second factor"
    ACCOUNT_CHANGES = "account changes", "Account changes"
    SIGN_IN_PAGE = "sign-in page", "Sign-in page"
    # The API: its tokens, and a page of a list it returned (each person shown).
    API_TOKEN = "api token", "API token"
    API_LIST = "api list", "API list"
    # Legacy: written once, never again (see LEGACY).
    CASE_NOTES = "case notes", "Case notes (legacy: now case note)"

    @classmethod
    def for_new_event(cls, value: str) -> RecordType:
        """The record type a new event may carry: one of the set, and not a legacy spelling."""
        record_type = cls(value)
        if record_type in LEGACY:
            raise ValueError(f"{value!r} is a legacy record type: use {LEGACY[record_type]!r}")
        return record_type


# Spellings that drifted, with the one written since. Old events keep theirs.
LEGACY: dict[RecordType, RecordType] = {RecordType.CASE_NOTES: RecordType.CASE_NOTE}


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("The audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The audit log is append-only")

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        """Only events of a record type in the set (the one place rows are written in bulk)."""
        events = list(objs)
        for event in events:
            RecordType.for_new_event(event.record_type)
        return super().bulk_create(events, *args, **kwargs)


class AuditEvent(models.Model):
    """One event. Rows are only ever inserted; each carries a keyed hash over its content and
    the previous row's hash (throughcare.audit.chain), so that an edited, removed, reordered or
    forged row can be found, and signed checkpoints kept outside the database show rows removed
    from the end."""

    occurred_at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    user_email = models.CharField(max_length=254, blank=True)
    user_role = models.CharField(max_length=20, blank=True)
    # The person the record belongs to. Not a foreign key: the trail outlives erasure. Its
    # queries use the (person_id, occurred_at) index below, so it has no index of its own.
    person_id = models.UUIDField(null=True, blank=True)
    record_type = models.CharField(max_length=60, choices=RecordType.choices)
    record_id = models.CharField(max_length=64, blank=True)
    # The version of the record this event produced, for records that carry one.
    record_version = models.PositiveIntegerField(null=True, blank=True)
    operation = models.CharField(max_length=20, choices=Operation.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.ALLOWED)
    recipient = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    # Names of the fields changed, never their values.
    fields = models.JSONField(default=list, blank=True)
    # Unique: two events can never claim the same predecessor, so the chain cannot fork.
    previous_hash = models.CharField(max_length=64, unique=True)
    hash = models.CharField(max_length=64, unique=True)
    # The audit key the hash was made with (throughcare.audit.keys); empty for the events
    # written before the chain was keyed, whose hash is a plain SHA-256.
    key_id = models.CharField(max_length=32, blank=True, default="")
    # The chain is sharded (throughcare.audit.shards): each shard is a chain of its own, and
    # `sequence` is the event's place in its shard, from 1 with no gaps. Events from before the
    # chain was sharded are in shard 0 without a sequence (their place is their order there).
    shard = models.PositiveSmallIntegerField(default=0)
    sequence = models.PositiveBigIntegerField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["person_id", "occurred_at"])]
        constraints = [
            # One event at each place in a shard; also the index that finds a shard's head.
            models.UniqueConstraint(fields=["shard", "sequence"], name="audit_shard_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.operation} {self.record_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The audit log is append-only")
        RecordType.for_new_event(self.record_type)  # a closed set: a typo fails, unwritten
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The audit log is append-only")
