"""The person whose release is being planned, their identifiers, sentences and offences.

Every case-level table carries `person_id`: it is the distribution key when the data is spread
over a distributed PostgreSQL.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models.functions import Upper

from throughcare.audit.models import RecordType
from throughcare.core.models import CaseQuerySet, CaseRecord
from throughcare.rules import dates

from . import rules
from .choices import OGRS3_CATEGORY_CHOICES, Disability, Ethnicity, Religion, SentenceType, Sex

SEARCHED_NAMES = ("given_name", "middle_names", "family_name", "preferred_name", "other_names")


def trigram_index(model: str, field: str) -> GinIndex:
    """A trigram index on the upper-cased column, which serves `field__icontains` (Django's
    `UPPER(field) LIKE UPPER('%text%')`) on PostgreSQL."""
    return GinIndex(
        OpClass(Upper(field), name="gin_trgm_ops"), name=f"{model}_{field.split('_')[0]}_trgm"
    )


class Person(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    given_name = models.CharField("First name", max_length=100)
    middle_names = models.CharField("Middle names", max_length=200, blank=True)
    family_name = models.CharField("Last name", max_length=100)
    preferred_name = models.CharField("Preferred name", max_length=100, blank=True)
    date_of_birth = models.DateField("Date of birth")
    sex = models.CharField(max_length=10, choices=Sex.choices)

    # Protected characteristics: for equality monitoring, shown only where needed.
    gender_identity = models.CharField("Gender identity", max_length=100, blank=True)
    ethnicity = models.CharField(max_length=2, choices=Ethnicity.choices, blank=True)
    nationality = models.CharField(max_length=100, blank=True)
    first_language = models.CharField("First language", max_length=100, blank=True)
    interpreter_required = models.BooleanField("Needs an interpreter", default=False)
    disability = models.CharField(max_length=10, choices=Disability.choices, blank=True)
    disability_details = models.TextField(blank=True)
    religion = models.CharField(max_length=20, choices=Religion.choices, blank=True)

    crn = models.CharField("CRN", max_length=7, unique=True, editable=False)
    prison_number = models.CharField(
        "Prison number", max_length=7, unique=True, null=True, blank=True
    )
    pnc_number = models.CharField("PNC number", max_length=13, unique=True, null=True, blank=True)

    prison = models.ForeignKey(
        "access.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people_in_custody",
        limit_choices_to={"kind": "prison"},
    )
    community_address = models.TextField("Community address", blank=True)

    pom = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Prison offender manager",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pom_caseload",
    )
    com = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Community offender manager",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="com_caseload",
    )
    # The release date shown on lists, kept in step with the sentences by the services so that
    # caseloads can sort and filter on it in the database.
    release_date = models.DateField(null=True, blank=True, db_index=True, editable=False)
    release_date_source = models.CharField(max_length=60, blank=True, editable=False)
    eligibility_date = models.DateField(null=True, blank=True, editable=False)
    # The other names (aliases) the person is known by, "first last" one a line, kept in step
    # with them by the services (`services.add_alias`), so that a name search matches them in
    # one column of this table, served by its trigram index (docs/operations.md, "Search").
    other_names = models.TextField(blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = CaseQuerySet.as_manager()

    audit_record_type = RecordType.PERSON

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["family_name", "given_name"]),
            # Name search on PostgreSQL (migration 0004; none on SQLite): what `icontains` asks.
            *(trigram_index("person", name) for name in SEARCHED_NAMES),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.middle_names, self.family_name) if p)

    @property
    def listed_name(self) -> str:
        """Surname first, as caseloads list people."""
        return f"{self.family_name}, {self.given_name}"

    def days_until_release(self, today: date) -> int | None:
        return dates.days_until(self.release_date, today)


class Alias(CaseRecord):
    """Another name the person is or has been known by. Each is recorded once per person:
    `name_key` (rules.name_key, set on every save) is unique with the person, so a name
    submitted twice at once cannot be written twice."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    given_name = models.CharField("First name", max_length=100)
    family_name = models.CharField("Last name", max_length=100)
    # Case folding can lengthen a name (up to three characters for one), hence the length.
    name_key = models.CharField(max_length=610, editable=False)

    audit_record_type = RecordType.ALIAS

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint(fields=["person", "name_key"], name="alias_once_per_person")
        ]
        indexes = [trigram_index("alias", name) for name in ("given_name", "family_name")]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = rules.name_key(self.given_name, self.family_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name_key" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "name_key"]
        super().save(*args, **kwargs)


class Sentence(CaseRecord):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="sentences")
    sentence_type = models.CharField(max_length=20, choices=SentenceType.choices)
    sentence_date = models.DateField("Date of sentence")
    length_years = models.PositiveSmallIntegerField(default=0)
    length_months = models.PositiveSmallIntegerField(default=0)
    length_days = models.PositiveSmallIntegerField(default=0)
    is_current = models.BooleanField(default=True)

    confirmed_release_date = models.DateField(null=True, blank=True)
    actual_parole_date = models.DateField(null=True, blank=True)
    sed = models.DateField("SED", null=True, blank=True)
    crd = models.DateField("CRD", null=True, blank=True)
    ard = models.DateField("ARD", null=True, blank=True)
    ped = models.DateField("PED", null=True, blank=True)
    hdced = models.DateField("HDCED", null=True, blank=True)
    hdcad = models.DateField("HDCAD", null=True, blank=True)
    lsd = models.DateField("LSD", null=True, blank=True)
    led = models.DateField("LED", null=True, blank=True)
    sled = models.DateField("SLED", null=True, blank=True)
    tused = models.DateField("TUSED", null=True, blank=True)
    prrd = models.DateField("PRRD", null=True, blank=True)
    rotl = models.DateField("ROTL", null=True, blank=True)

    audit_record_type = RecordType.SENTENCE

    class Meta:
        ordering = ["-is_current", "-sentence_date"]

    def __str__(self) -> str:
        return f"{self.get_sentence_type_display()} sentence of {self.sentence_date:%d %B %Y}"

    def key_dates(self) -> dict[str, date | None]:
        return {field: getattr(self, field) for field in rules.KEY_DATES}

    def key_date_rows(self) -> list[tuple[str, date]]:
        """The key dates this sentence has, labelled, in the order practice lists them."""
        return [
            (label, value)
            for field, label in rules.KEY_DATES.items()
            if (value := getattr(self, field))
        ]

    @property
    def length_display(self) -> str:
        parts = [
            f"{n} {unit}{'' if n == 1 else 's'}"
            for n, unit in (
                (self.length_years, "year"),
                (self.length_months, "month"),
                (self.length_days, "day"),
            )
            if n
        ]
        return ", ".join(parts) if parts else "Not recorded"


class Offence(CaseRecord):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="offences")
    sentence = models.ForeignKey(Sentence, on_delete=models.CASCADE, related_name="offences")
    description = models.CharField(max_length=300)
    ogrs3_category = models.CharField(
        "OGRS3 offence category",
        max_length=60,
        choices=OGRS3_CATEGORY_CHOICES,
        blank=True,
        help_text="Leave blank if the offence cannot be placed: OGRS3 is then not calculable.",
    )
    conviction_date = models.DateField("Date of conviction")
    is_main = models.BooleanField("Main offence", default=False)

    audit_record_type = RecordType.OFFENCE

    class Meta:
        ordering = ["-is_main", "conviction_date"]

    def __str__(self) -> str:
        return self.description


class Victim(CaseRecord):
    """A victim of the person's offending. Restricted: only the allocated staff and their senior
    probation officer see these details (access policy, Action.VIEW_VICTIMS)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="victims")
    name = models.CharField(max_length=200)
    relationship = models.CharField("Relationship to the person", max_length=200)
    safety_concerns = models.TextField("Safety concerns and contact restrictions", blank=True)
    # Where the victim lives and the areas to keep clear of them, for the conflicts the release
    # options are checked against (throughcare.planning.rules.conflicts): a postcode, and
    # postcode districts or named areas, one per line or separated by commas.
    postcode = models.CharField("Victim's postcode", max_length=10, blank=True)
    keep_clear = models.TextField("Areas the person must keep clear of", blank=True)

    audit_record_type = RecordType.VICTIM

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
