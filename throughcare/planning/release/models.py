"""Ready for release, the day of release, the handover and the release (SFJCCFI2 P30, P34;
certificate unit R/507/0637, continuity from custody into the community).

- `Readiness`: the plan's owner marked the person ready for release, every decision criterion
  being met that day; withdrawn when a criterion is found unmet later.
- `DayOfRelease`: the day-of-release checklist: each need (practice.md) in place, not yet, or
  not needed, with its details; the first appointment after release, who and when.
- `Handover`: the prison offender manager's handover to the community offender manager (its
  checklist and the handover meeting), and the community offender manager's acceptance, on
  which the plans' ownership moves (`planning.ownership`).
- `Release`: the person was released: when, where they slept that night, whether the first
  appointment was kept, and the checklist as it stood (so accommodation on the night of
  release can be counted).
- `Outcome`: what happened after: in work or training six weeks after release, the date of a
  recall to custody, and the date of the first new offence proven by a court. Whether an
  outcome is known yet (a year has passed without a recall, say) is worked out from the dates
  by `insight.outcomes`, not stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from throughcare.audit.models import RecordType
from throughcare.core.models import CaseRecord

TEXT_LIMIT = 5000
SHORT_LIMIT = 200


class Readiness(CaseRecord):
    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="release_readiness"
    )
    ready_on = models.DateField(null=True, blank=True)
    ready_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_on = models.DateField(null=True, blank=True)
    # The criteria unmet when it was withdrawn, as the evidence then said them.
    withdrawn_because = models.JSONField(default=list, blank=True)

    audit_record_type = RecordType.RELEASE_READINESS

    def __str__(self) -> str:
        return "Ready for release"

    @property
    def is_ready(self) -> bool:
        return self.ready_on is not None and self.withdrawn_on is None


class NeedStatus(models.TextChoices):
    IN_PLACE = "in place", "In place"
    NOT_YET = "not yet", "Not yet"
    NOT_NEEDED = "not needed", "Not needed"


# The day-of-release needs of practice.md, in its order: (key, label).
NEEDS: tuple[tuple[str, str], ...] = (
    ("accommodation", "Somewhere to live that night"),
    ("id", "ID"),
    ("bank", "Bank account"),
    ("benefit", "Benefit claim"),
    ("gp", "GP registration and medication"),
    ("travel", "Travel to the first appointment"),
    ("licence", "The licence explained"),
)


class IdDocument(models.TextChoices):
    BIRTH_CERTIFICATE = "birth certificate", "Birth certificate"
    DRIVING_LICENCE = "driving licence", "Driving licence"
    PASSPORT = "passport", "Passport"
    BRP = "biometric residence permit", "Biometric residence permit"
    DEED_POLL = "deed poll", "Deed poll"
    MARRIAGE = (
        "marriage or civil partnership certificate",
        ("Marriage or civil partnership certificate"),
    )


class AppointmentWho(models.TextChoices):
    DUTY_OFFICER = "duty officer", "The duty officer"
    COM = "com", "Their community offender manager"
    NAMED = "named", "A named person"


class AppointmentWhen(models.TextChoices):
    IMMEDIATELY = "immediately", "Immediately on release"
    NEXT_WORKING_DAY = "next working day", "Next working day at 2pm"
    SET = "set", "A set date and time"


def _status(label: str) -> models.CharField:
    return models.CharField(label, max_length=12, choices=NeedStatus.choices, blank=True)


def _details(label: str) -> models.TextField:
    return models.TextField(f"{label}: details", blank=True)


class DayOfRelease(CaseRecord):
    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="day_of_release"
    )
    accommodation_status = _status("Somewhere to live that night")
    accommodation_details = _details("Somewhere to live that night")
    id_status = _status("ID")
    id_details = _details("ID")
    id_documents = models.JSONField("ID documents", default=list, blank=True)
    bank_status = _status("Bank account")
    bank_details = _details("Bank account")
    benefit_status = _status("Benefit claim")
    benefit_details = _details("Benefit claim")
    gp_status = _status("GP registration and medication")
    gp_details = _details("GP registration and medication")
    travel_status = _status("Travel to the first appointment")
    travel_details = _details("Travel to the first appointment")
    licence_status = _status("The licence explained")
    licence_details = _details("The licence explained")
    appointment_who = models.CharField(
        "Who the first appointment is with",
        max_length=20,
        choices=AppointmentWho.choices,
        blank=True,
    )
    appointment_name = models.CharField("Their name", max_length=SHORT_LIMIT, blank=True)
    appointment_when = models.CharField(
        "When the first appointment is",
        max_length=20,
        choices=AppointmentWhen.choices,
        blank=True,
    )
    appointment_on = models.DateField("Date of the first appointment", null=True, blank=True)
    appointment_time = models.TimeField("Time of the first appointment", null=True, blank=True)

    audit_record_type = RecordType.DAY_OF_RELEASE

    def __str__(self) -> str:
        return "Day-of-release checklist"


class Handover(CaseRecord):
    """One handover from custody to community; the latest is the one that counts."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="handovers")
    due_on = models.DateField("Due by", null=True, blank=True)
    handed_over_on = models.DateField("Date of the handover")
    resettlement_plan_shared = models.BooleanField("The resettlement plan shared", default=False)
    risk_plan_shared = models.BooleanField("The risk management plan shared", default=False)
    licence_conditions_drafted = models.BooleanField("Licence conditions drafted", default=False)
    checklist_reviewed = models.BooleanField("The day-of-release checklist reviewed", default=False)
    accommodation_confirmed = models.BooleanField("Accommodation confirmed", default=False)
    meeting_held = models.BooleanField("A handover meeting was held", default=False)
    meeting_on = models.DateField("Date of the handover meeting", null=True, blank=True)
    meeting_not_held_because = models.TextField("Why no meeting was held", blank=True)
    notes = models.TextField("Anything else the community offender manager should know", blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    audit_record_type = RecordType.HANDOVER

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return "Handover from custody to community"

    @property
    def accepted(self) -> bool:
        return self.accepted_at is not None


class Slept(models.TextChoices):
    SETTLED = "settled", "Settled accommodation"
    TEMPORARY = "temporary", "Temporary accommodation"
    ROUGH = "rough sleeping", "Rough sleeping"
    NOT_KNOWN = "not known", "Not known"


class AppointmentKept(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_YET = "not yet", "Not yet"


class Release(CaseRecord):
    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="release")
    released_on = models.DateField("Date of release")
    slept = models.CharField("Where they slept that night", max_length=20, choices=Slept.choices)
    slept_details = models.TextField("Where they slept: details", blank=True)
    appointment_kept = models.CharField(
        "First appointment kept", max_length=10, choices=AppointmentKept.choices
    )
    # The day-of-release checklist as it stood when the release was recorded.
    accommodation_status = models.CharField(
        "Somewhere to live that night (the checklist)",
        max_length=12,
        choices=NeedStatus.choices,
        blank=True,
    )
    checklist = models.JSONField(default=dict, blank=True)

    audit_record_type = RecordType.RELEASE

    def __str__(self) -> str:
        return "Release from custody"


class InWork(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not known", "Not known"


class Outcome(CaseRecord):
    """Outcomes after release (issue 16 point 2), beside the `Release` they follow. Blank
    means not recorded yet."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="outcome")
    in_work_at_six_weeks = models.CharField(
        "In work or training six weeks after release",
        max_length=10,
        choices=InWork.choices,
        blank=True,
    )
    recalled_on = models.DateField("Date recalled to custody", null=True, blank=True)
    reoffence_on = models.DateField(
        "Date of the first new offence proven by a court", null=True, blank=True
    )

    audit_record_type = RecordType.RELEASE_OUTCOME

    def __str__(self) -> str:
        return "Outcomes after release"
