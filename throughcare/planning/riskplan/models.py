"""The risk management plan's working rows (its document and versions are
`throughcare.records`': kind "risk-management-plan"):

- `RiskAction`: an action under one of the headings of shared/domain/risk.md, who does it and
  when, and the risk factors (from the assessment) it manages; a contingency says "if this
  happens, then do that, by whom";
- `LicenceCondition`: an additional licence condition chosen from the catalogue
  (`catalogue.py`), its blanks filled, the risk it manages (an action of the plan, or risk
  factors) and why it is necessary and proportionate.

The rows are the plan as it is being written: they change only while the document's current
version may be edited, and each change writes a snapshot of them all into that version's
content, so a signed version keeps them as they were.
"""

from __future__ import annotations

from django.db import models

from throughcare.audit.models import RecordType
from throughcare.core.models import CaseRecord

TEXT_LIMIT = 5000
SHORT_LIMIT = 200


class Heading(models.TextChoices):
    SUPERVISION = "supervision", "Supervision"
    MONITORING = "monitoring and control", "Monitoring and control"
    INTERVENTIONS = "interventions and treatment", "Interventions and treatment"
    VICTIM_SAFETY = "victim safety planning", "Victim safety planning"
    CONTINGENCY = "contingency", "Contingency"


HEADING_HINTS = {
    Heading.SUPERVISION: "Contact with the responsible officer: how often, where, and what it "
    "covers",
    Heading.MONITORING: "Restrictions, licence conditions, drug testing, approved premises, "
    "information from other agencies",
    Heading.INTERVENTIONS: "Programmes and treatment that address the risk factors",
    Heading.VICTIM_SAFETY: "What protects known victims and potential victims",
    Heading.CONTINGENCY: "If this happens, then do that, by whom",
}


class RiskAction(CaseRecord):
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="risk_actions"
    )
    document = models.ForeignKey(
        "records.Document", on_delete=models.CASCADE, related_name="risk_actions"
    )
    heading = models.CharField(max_length=30, choices=Heading.choices)
    action = models.TextField("Action")
    by_whom = models.CharField("By whom", max_length=SHORT_LIMIT)
    organisation = models.ForeignKey(
        "access.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Partner organisation",
    )
    when = models.CharField("When", max_length=SHORT_LIMIT)
    contingency_if = models.TextField("If this happens", blank=True)
    factors = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=0)

    audit_record_type = RecordType.RISK_ACTION

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["person", "document"])]

    def __str__(self) -> str:
        return f"{self.get_heading_display()}: {self.action[:60]}"

    @property
    def short(self) -> str:
        text = " ".join(self.action.split())
        return text if len(text) <= 80 else text[:79] + "…"


class LicenceCondition(CaseRecord):
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="licence_conditions"
    )
    document = models.ForeignKey(
        "records.Document", on_delete=models.CASCADE, related_name="licence_conditions"
    )
    code = models.CharField(max_length=60)
    inputs = models.JSONField(default=dict, blank=True)
    text = models.TextField()
    risk_action = models.ForeignKey(
        RiskAction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="licence_conditions",
        verbose_name="Action of the plan it serves",
    )
    factors = models.JSONField(default=list, blank=True)
    justification = models.TextField("Why it is necessary and proportionate", blank=True)
    conflict_explanation = models.TextField(
        "Why it can stand despite the conflict with the chosen address", blank=True
    )

    audit_record_type = RecordType.LICENCE_CONDITION

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["person", "document"])]

    def __str__(self) -> str:
        return self.short

    @property
    def short(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else text[:79] + "…"

    @property
    def names_a_risk(self) -> bool:
        return self.risk_action_id is not None or bool(self.factors)
