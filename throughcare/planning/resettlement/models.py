"""The live rows of the person's resettlement plan (issue 12 point 1): its goals by pathway,
each goal's steps and who does each, and the progress notes on steps (point 7).

The plan itself is a signed, versioned document (`throughcare.records`, kind
"resettlement-plan"): the goals and steps change only while its current version is editable,
and each change writes a snapshot of them into that version (`snapshot.py`), so the records
pages show each version as signed. Progress notes are how the plan is run: they are added on a
locked plan too, and never change a signed version.
"""

from __future__ import annotations

from django.db import models

from throughcare.audit.models import RecordType
from throughcare.core.models import CaseRecord

KIND = "resettlement-plan"
TITLE_LIMIT = 300
TEXT_LIMIT = 5000


class Pathway(models.TextChoices):
    """The seven resettlement pathways (the assessment's needs use the same keys), and the two
    the Reducing Reoffending Pathways add for women."""

    ACCOMMODATION = "accommodation", "Accommodation"
    ATTITUDES = "attitudes", "Attitudes, thinking and behaviour"
    FAMILY = "family", "Children, families and communities"
    DRUGS_ALCOHOL = "drugs_alcohol", "Drugs and alcohol"
    EDUCATION_WORK = "education_work", "Education, skills and work"
    FINANCE_ID = "finance_id", "Finance and ID"
    HEALTH = "health", "Health"
    WOMEN_ABUSE = (
        "women_abuse",
        "Support for women who have been abused, raped or experienced domestic violence",
    )
    WOMEN_SEX_WORK = "women_sex_work", "Support for women who have been involved in prostitution"


class AreaOfNeed(models.TextChoices):
    """The OASys needs."""

    ACCOMMODATION = "accommodation", "Accommodation"
    EDUCATION = "education", "Education, training and employability"
    FINANCE = "finance", "Finance"
    RELATIONSHIPS = "relationships", "Relationships"
    LIFESTYLE = "lifestyle", "Lifestyle and associates"
    DRUGS = "drugs", "Drug misuse"
    ALCOHOL = "alcohol", "Alcohol misuse"
    EMOTIONAL = "emotional", "Emotional wellbeing"
    THINKING = "thinking", "Thinking and behaviour"
    ATTITUDES = "attitudes", "Attitudes"


# The area of need a goal on each pathway usually answers (prefilled, the officer may change it).
AREA_FOR_PATHWAY: dict[str, str] = {
    Pathway.ACCOMMODATION: AreaOfNeed.ACCOMMODATION,
    Pathway.ATTITUDES: AreaOfNeed.THINKING,
    Pathway.FAMILY: AreaOfNeed.RELATIONSHIPS,
    Pathway.DRUGS_ALCOHOL: AreaOfNeed.DRUGS,
    Pathway.EDUCATION_WORK: AreaOfNeed.EDUCATION,
    Pathway.FINANCE_ID: AreaOfNeed.FINANCE,
    Pathway.HEALTH: AreaOfNeed.EMOTIONAL,
    Pathway.WOMEN_ABUSE: AreaOfNeed.RELATIONSHIPS,
    Pathway.WOMEN_SEX_WORK: AreaOfNeed.LIFESTYLE,
}

PATHWAY_ORDER = {value: index for index, value in enumerate(Pathway.values)}


class Goal(CaseRecord):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        FUTURE = "future", "Future"
        ACHIEVED = "achieved", "Achieved"
        REMOVED = "removed", "Removed"

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="resettlement_goals"
    )
    document = models.ForeignKey(
        "records.Document", on_delete=models.CASCADE, related_name="resettlement_goals"
    )
    pathway = models.CharField(max_length=20, choices=Pathway.choices)
    area_of_need = models.CharField("Area of need", max_length=20, choices=AreaOfNeed.choices)
    title = models.CharField("What they want to achieve", max_length=TITLE_LIMIT)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    target_date = models.DateField("Target date", null=True, blank=True)
    option = models.ForeignKey(
        "planning.Option",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resettlement_goals",
        verbose_name="Release option it carries out",
    )
    position = models.PositiveIntegerField(default=0)

    audit_record_type = RecordType.PLAN_GOAL

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def removed(self) -> bool:
        return self.status == self.Status.REMOVED


class Owner(models.TextChoices):
    """Who does a step."""

    PERSON = "person", "The person"
    POM = "pom", "The prison offender manager"
    COM = "com", "The community offender manager"
    PARTNER = "partner", "A partner organisation"


class Step(CaseRecord):
    class Status(models.TextChoices):
        NOT_STARTED = "not started", "Not started"
        IN_PROGRESS = "in progress", "In progress"
        COMPLETED = "completed", "Completed"
        CANNOT_YET = "cannot be done yet", "Cannot be done yet"
        NO_LONGER_NEEDED = "no longer needed", "No longer needed"

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="resettlement_steps"
    )
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    description = models.TextField("What will be done")
    owner = models.CharField("Who does it", max_length=10, choices=Owner.choices)
    # The partner organisation that does it (only when `owner` is a partner): what a partner's
    # view of the plan is filtered on.
    organisation = models.ForeignKey(
        "access.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "partner"},
    )
    due_date = models.DateField("Due date")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    position = models.PositiveIntegerField(default=0)

    audit_record_type = RecordType.PLAN_STEP

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["person", "organisation"])]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.COMPLETED, self.Status.NO_LONGER_NEEDED)


class StepProgress(CaseRecord):
    """A progress note on a step, and the status it moved the step to ("" if unchanged).
    Append-only: a note is kept as written."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="resettlement_step_progress"
    )
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="progress")
    note = models.TextField("Progress note")
    status = models.CharField(max_length=20, choices=Step.Status.choices, blank=True)

    audit_record_type = RecordType.STEP_PROGRESS

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "step progress"

    def __str__(self) -> str:
        return self.note[:80]
