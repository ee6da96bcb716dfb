"""Release options and what weighs them (SFJCCFI2 P23-P27, P30-P33; issue 11).

- `Option`: a candidate for one kind of decision (where to live, which area, work, services,
  interventions, controls), with the partner organisation that would provide it and, for an
  address, the address and who lives there; chosen with reasoning (K16) or rejected with
  reasons; choosing one with a conflict needs a reason and the SPO's agreement.
- `Evaluation`: the option weighed on one of P25.1-P25.6, with its evidence and source.
- `Barrier`: something in the way (P24, P31), how it is challenged, by whom, the outcome.
- `Restriction`: a restriction on the person the conflicts read (an exclusion area, no
  unsupervised contact with children), with its source, until licence conditions exist.
- `LiaisonConsultation`: a consultation with victim liaison, which a decision criterion reads.
- `DecisionCriterion` (set by an administrator) and `ProviderProfile` (what an approved
  premises does not accept) are not case records.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from throughcare.audit.models import RecordType
from throughcare.casework.sources import Sourced
from throughcare.core.models import CaseRecord
from throughcare.people.choices import OGRS3_CATEGORY_CHOICES

from .rules import criteria

TEXT_LIMIT = 5000
SHORT_LIMIT = 200


class OptionKind(models.TextChoices):
    """The kinds of decision (issue 11 point 1). The value is also the comparison page's
    address, so it stays a slug."""

    ACCOMMODATION = "accommodation", "Where to live"
    AREA = "area", "Which area"
    WORK = "work", "Work, training or education"
    HEALTH = "health", "Health and substance-misuse services"
    INTERVENTIONS = "interventions", "Programmes and interventions"
    CONTROLS = "controls", "Monitoring and controls"


class AccommodationType(models.TextChoices):
    FAMILY = "family or partner", "Family or partner's address"
    APPROVED_PREMISES = "approved premises", "Approved premises"
    CAS2 = "CAS2", "CAS2 bail or HDC accommodation"
    CAS3 = "CAS3", "CAS3 temporary accommodation"
    SUPPORTED = "supported housing", "Supported housing"
    LOCAL_AUTHORITY = "local authority", "Local authority housing"
    PRIVATE = "private rented", "Private rented"


class Option(CaseRecord):
    class Status(models.TextChoices):
        CONSIDERING = "considering", "Being considered"
        AWAITING_AGREEMENT = "awaiting agreement", "Chosen, awaiting the SPO's agreement"
        CHOSEN = "chosen", "Chosen"
        REJECTED = "rejected", "Rejected"

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="release_options"
    )
    kind = models.CharField("Kind of option", max_length=20, choices=OptionKind.choices)
    title = models.CharField("Option", max_length=SHORT_LIMIT)
    description = models.TextField("Details", blank=True)
    accommodation_type = models.CharField(
        "Type of accommodation", max_length=30, choices=AccommodationType.choices, blank=True
    )
    provider = models.ForeignKey(
        "access.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Partner organisation that would provide it",
    )
    address = models.TextField("Address", blank=True)
    postcode = models.CharField("Postcode", max_length=10, blank=True)
    area = models.CharField("Named area", max_length=SHORT_LIMIT, blank=True)
    household = models.TextField("Who lives there", blank=True)
    household_children = models.BooleanField("Children live at or visit the address", default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONSIDERING)
    reasoning = models.TextField("Why it was chosen or rejected", blank=True)
    conflict_reason = models.TextField("Why it was chosen despite its conflicts", blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agreement_comments = models.TextField("The SPO's comments", blank=True)
    advice_requests = models.ManyToManyField("casework.AdviceRequest", blank=True, related_name="+")

    audit_record_type = RecordType.RELEASE_OPTION

    class Meta:
        ordering = ["kind", "created_at", "pk"]
        indexes = [models.Index(fields=["person", "kind"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_accommodation(self) -> bool:
        return self.kind == OptionKind.ACCOMMODATION


class Criterion(models.TextChoices):
    """The points of P25 an option is weighed on."""

    RISK = "P25.1", "The risk in the option"
    CAUSES = "P25.2", "How it addresses the causes of offending"
    IMPACT = "P25.3", "Impact on people close to them, victims and the community"
    PROGRESS = "P25.4", "Progress made and the support needed to sustain it"
    COMMUNITY = "P25.5", "The community's views"
    CAPACITY = "P25.6", "Capacity and resources of the organisations"


class Evaluation(Sourced):
    class Rating(models.TextChoices):
        FOR = "for", "In favour"
        MIXED = "mixed", "Mixed"
        AGAINST = "against", "Against"

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="evaluations")
    criterion = models.CharField(max_length=10, choices=Criterion.choices)
    rating = models.CharField(max_length=10, choices=Rating.choices)
    evidence = models.TextField("Evidence")

    audit_record_type = RecordType.OPTION_EVALUATION

    class Meta:
        ordering = ["criterion"]
        constraints = [
            models.UniqueConstraint(fields=["option", "criterion"], name="one_evaluation_a_point")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.get_rating_display()}"


class Barrier(CaseRecord):
    class Kind(models.TextChoices):
        PROFESSIONAL = "professional", "Professional"
        ORGANISATIONAL = "organisational", "Organisational"
        COMMUNITY = "community", "Community"

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="barriers")
    option = models.ForeignKey(
        Option, on_delete=models.SET_NULL, null=True, blank=True, related_name="barriers"
    )
    kind = models.CharField("Kind of barrier", max_length=20, choices=Kind.choices)
    description = models.TextField("The barrier")
    challenge = models.TextField("How it is being challenged", blank=True)
    challenged_by = models.CharField("Who is challenging it", max_length=SHORT_LIMIT, blank=True)
    outcome = models.TextField("Outcome", blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    audit_record_type = RecordType.BARRIER

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} barrier"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class Restriction(Sourced):
    """A restriction on the person that release options must respect, until licence
    conditions are recorded (issue 12)."""

    class Kind(models.TextChoices):
        EXCLUSION = "exclusion area", "An area they are excluded from"
        CHILDREN = "children", "No unsupervised contact with children"

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="planning_restrictions"
    )
    kind = models.CharField("Restriction", max_length=20, choices=Kind.choices)
    area = models.TextField("Area", blank=True)
    details = models.TextField("Details", blank=True)

    audit_record_type = RecordType.PLANNING_RESTRICTION

    class Meta:
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()


class LiaisonConsultation(Sourced):
    """Victim liaison consulted about the release (what they said is about the victim)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="liaison_consultations"
    )
    summary = models.TextField("What they said")

    audit_record_type = RecordType.LIAISON_CONSULTATION

    class Meta:
        ordering = ["-obtained_on", "-pk"]

    def __str__(self) -> str:
        return "Victim liaison consultation"


class DecisionCriterion(models.Model):
    """One of the organisation's criteria for release and resettlement decisions (P30), set by
    an administrator: its wording, and the rule that evaluates it."""

    title = models.CharField(max_length=SHORT_LIMIT)
    rule = models.CharField(
        max_length=40, choices=[(key, label) for key, (label, _) in criteria.RULES.items()]
    )
    position = models.PositiveSmallIntegerField(default=10)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = "decision criteria"

    def __str__(self) -> str:
        return self.title


class ProviderProfile(models.Model):
    """What planning needs to know of a partner organisation: whether it runs approved
    premises, and which offence types it does not accept. Set by an administrator."""

    organisation = models.OneToOneField(
        "access.Organisation", on_delete=models.CASCADE, related_name="planning_profile"
    )
    approved_premises = models.BooleanField("Runs approved premises", default=False)
    not_accepted = models.JSONField(
        "Offence types not accepted",
        default=list,
        blank=True,
        help_text="OGRS3 offence categories, as on the person's offences: "
        + "; ".join(name for name, _ in OGRS3_CATEGORY_CHOICES),
    )

    def __str__(self) -> str:
        return f"Planning profile of {self.organisation}"
