"""The person's assessment, as the caseload and the team need it at a glance.

The assessment itself is a signed document (`throughcare.records`: a `Document` of kind
"assessment", its `Version`s and their content). `Assessment` is one row per person beside it:
which version is current (the latest locked) and which is open (being written or awaiting
countersignature), and the headline of the current one, copied when it locks, so that the
caseload can show and sort on it in its one query: the overall risk of serious harm, the OGRS3
band and two-year probability, the practitioner's judgement and whether it departs from the
band (for the team's report on bias), and whether a review is due, and why.
"""

from __future__ import annotations

from django.db import models

from throughcare.audit.models import RecordType
from throughcare.core.models import CaseRecord


class Assessment(CaseRecord):
    KIND = "assessment"  # the kind of signed document (`records.Document.kind`)

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="assessments"
    )
    document = models.OneToOneField(
        "records.Document", on_delete=models.PROTECT, related_name="assessment"
    )
    current = models.ForeignKey(
        "records.Version", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    open = models.ForeignKey(
        "records.Version", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rosh_level = models.CharField("Risk of serious harm", max_length=20, blank=True)
    rosh_rank = models.PositiveSmallIntegerField(null=True, blank=True)
    ogrs3_band = models.CharField("OGRS3 band", max_length=20, blank=True)
    ogrs3_two_year = models.FloatField("OGRS3 two-year probability", null=True, blank=True)
    judged_likelihood = models.CharField(max_length=20, blank=True)
    departs = models.BooleanField("Judgement departs from the OGRS3 band", default=False)
    review_due = models.BooleanField(default=False)
    review_due_reason = models.CharField(max_length=200, blank=True)
    review_due_since = models.DateTimeField(null=True, blank=True)

    audit_record_type = RecordType.ASSESSMENT

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person"], name="one_assessment_per_person")]

    def __str__(self) -> str:
        return "Assessment"
