"""Running the plan after it is agreed (SFJCCFI2 P35, P36; certificate unit D/507/0639 LO4).

- `Review`: a review of the plan, due on a date for a reason (on a schedule, or because
  something changed: a new acute factor, an urgent concern, a change of address, a recall).
  One open review per reason: a second event of the same kind finds the review already due.
  Completing it records the date, who, a summary, what changed in the plan, and the next
  scheduled review.
- `Setback`: a setback or a lapse, what happened and the response.
- `Escalation`: the allocated staff tell the team's senior probation officer of a rising
  risk; the SPO records a response.
- `EnforcementRecommendation`: no further action, a warning, a breach or a recall, with its
  reasons, perhaps following an escalation; a recall recommendation opens a review.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from throughcare.audit.models import RecordType
from throughcare.core.models import CaseRecord

TEXT_LIMIT = 5000


class Review(CaseRecord):
    class Reason(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled review"
        ACUTE_FACTOR = "acute factor", "A new acute risk factor"
        URGENT_CONCERN = "urgent concern", "An urgent concern"
        ADDRESS = "change of address", "A change of address"
        RECALL = "recall", "A recall recommendation"
        OTHER = "other", "Other"

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="plan_reviews"
    )
    due_on = models.DateField("Date the review is due")
    reason = models.CharField("Reason for the review", max_length=20, choices=Reason.choices)
    details = models.TextField("What prompted it", blank=True)
    completed_on = models.DateField("Date of the review", null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    summary = models.TextField("Summary of the review", blank=True)
    changes = models.TextField("What changed in the plan", blank=True)
    next_review = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    audit_record_type = RecordType.PLAN_REVIEW

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["completed_on", "due_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "reason"],
                condition=models.Q(completed_on__isnull=True),
                name="one_open_plan_review_a_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} due {self.due_on:%d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.completed_on is None


class Setback(CaseRecord):
    class Kind(models.TextChoices):
        SETBACK = "setback", "Setback"
        LAPSE = "lapse", "Lapse"

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="plan_setbacks"
    )
    occurred_on = models.DateField("Date it happened")
    kind = models.CharField("Setback or lapse", max_length=10, choices=Kind.choices)
    what_happened = models.TextField("What happened")
    response = models.TextField("The response")

    audit_record_type = RecordType.SETBACK

    class Meta:
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on:%d %B %Y}"


class Escalation(CaseRecord):
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="plan_escalations"
    )
    reason = models.TextField("Why you are escalating")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    response = models.TextField("The senior probation officer's response", blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    audit_record_type = RecordType.ESCALATION

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Escalation raised {self.created_at:%d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.responded_at is None


class EnforcementRecommendation(CaseRecord):
    class Recommendation(models.TextChoices):
        NO_FURTHER_ACTION = "no further action", "No further action"
        WARNING = "warning", "Warning"
        BREACH = "breach", "Breach"
        RECALL = "recall", "Recall to custody"

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="enforcement_recommendations"
    )
    recommendation = models.CharField(
        "Recommendation", max_length=20, choices=Recommendation.choices
    )
    reasons = models.TextField("Reasons")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    escalation = models.ForeignKey(
        Escalation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name="Escalation it follows",
    )
    review = models.ForeignKey(
        Review, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    audit_record_type = RecordType.ENFORCEMENT

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.get_recommendation_display()
