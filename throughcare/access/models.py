"""Users, their roles and the organisations they work for."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager
from django.db import models

from throughcare.audit.models import RecordType
from throughcare.core.models import CaseRecord


class Organisation(models.Model):
    """A prison, a probation team or a partner organisation. A user belongs to one.

    For prisons and probation teams the organisation is also the user's team: colleagues in the
    same organisation may read each other's cases.
    """

    class Kind(models.TextChoices):
        PRISON = "prison", "Prison"
        PROBATION_TEAM = "probation_team", "Probation team"
        PARTNER = "partner", "Partner organisation"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    code = models.CharField(
        max_length=10, blank=True, help_text="Prison code (for example LEI) or team code."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    POM = "pom", "Prison offender manager"
    COM = "com", "Community offender manager"
    SPO = "spo", "Senior probation officer"
    PARTNER = "partner", "Partner worker"
    ADMIN = "admin", "Administrator"


class Function(models.TextChoices):
    """What a member of prison or probation staff does besides their role, so that an
    information request to "the key worker at HMP Northbridge", or a request for advice to "the
    psychology team at HMP Northbridge", reaches the right people.
    Administrators set these on the account."""

    KEY_WORKER = "key worker", "Key worker"
    HEALTHCARE = "healthcare", "Healthcare"
    PROGRAMMES = "programmes", "Programmes"
    SECURITY = "security", "Security"
    EDUCATION = "education", "Education, skills and work"
    SUBSTANCE_MISUSE = "substance misuse", "Substance misuse"
    CHAPLAINCY = "chaplaincy", "Chaplaincy"
    PSYCHOLOGY = "psychology", "Psychology"
    MAPPA_COORDINATOR = "MAPPA coordinator", "MAPPA coordinator"
    SAFEGUARDING_LEAD = "safeguarding lead", "Safeguarding lead"


class Grade(models.TextChoices):
    """A probation officer's or probation services officer's grade (practice.md: probation
    officers hold high and very high risk of serious harm cases, probation services officers
    low and medium). It decides when an assessment needs an SPO's countersignature."""

    PO = "probation officer", "Probation officer"
    PSO = "probation services officer", "Probation services officer"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("role", Role.ADMIN)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser):
    """A member of staff or a partner worker, signing in with an email address."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="users", null=True, blank=True
    )
    grade = models.CharField(
        max_length=40,
        choices=Grade.choices,
        blank=True,
        help_text="Offender managers: probation officer or probation services officer. "
        "An assessment by a probation services officer at medium risk needs countersigning.",
    )
    functions = models.JSONField(
        default=list,
        blank=True,
        help_text="What they do at their prison or team (key worker, healthcare...): "
        "information requests to that function there reach them.",
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff(self) -> bool:
        """Only administrators reach the Django admin."""
        return self.is_active and self.role == Role.ADMIN

    @property
    def is_superuser(self) -> bool:
        return self.is_active and self.role == Role.ADMIN

    def has_perm(self, perm: str, obj: object = None) -> bool:
        """Django admin permissions: administrators hold them all, nobody else any."""
        return self.is_superuser

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_superuser

    @property
    def function_labels(self) -> list[str]:
        labels = dict(Function.choices)
        return [str(labels.get(function, function)) for function in self.functions]

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class AccessExclusion(CaseRecord):
    """A named user who may never see this person's record (limited access, as in nDelius)."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="exclusions")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="exclusions")
    reason = models.TextField()
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    audit_record_type = RecordType.ACCESS_EXCLUSION

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "user"], name="one_exclusion_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} excluded"


class AccessRestriction(CaseRecord):
    """When a person has any restriction, only the users named on it may see their record."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="restrictions"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="restrictions")
    reason = models.TextField()
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    audit_record_type = RecordType.ACCESS_RESTRICTION

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "user"], name="one_restriction_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} on restriction list"


class BreakGlassAccess(models.Model):
    """A member of staff outside the case team opened the record, giving a reason. It lasts for
    that person and that signed-in session only, and is shown to the responsible SPO."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="break_glass_accesses"
    )
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="break_glass_accesses")
    session_key = models.CharField(max_length=64)
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    audit_record_type = RecordType.BREAK_GLASS_ACCESS

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "user", "session_key"])]

    def __str__(self) -> str:
        return f"Break-glass by {self.user}"


class SharingAgreement(CaseRecord):
    """A partner organisation may see the sections named here of one person's record, for a
    stated purpose, between two dates. Ending it ends the partner's access at once."""

    class Section(models.TextChoices):
        IDENTITY = "identity", "Name, date of birth and identifiers"
        SENTENCE = "sentence", "Sentence and key dates"
        ALLOCATION = "allocation", "Who is responsible"
        CASE_NOTES = "case_notes", "Case notes (not sensitive, not withheld from partners)"
        INTERVIEW = "interview", "What the person said in interview, and the summary agreed"
        RISK_SUMMARY = "rosh_summary", "Risk of serious harm in the community: the levels"
        ASSESSMENT = "assessment", "The full assessment of risk (countersigned versions)"
        PLAN = "plan", "The resettlement plan: the steps that are theirs, and the goals they serve"
        RISK_PLAN = "risk_plan", "The risk management plan: the actions that are theirs"

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="sharing_agreements"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="sharing_agreements",
        limit_choices_to={"kind": Organisation.Kind.PARTNER},
    )
    purpose = models.TextField()
    sections = models.JSONField(default=list)
    start_date = models.DateField()
    end_date = models.DateField()
    ended_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    audit_record_type = RecordType.SHARING_AGREEMENT

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"Shared with {self.organisation}"

    @property
    def section_labels(self) -> list[str]:
        labels = dict(self.Section.choices)
        return [str(labels.get(section, section)) for section in self.sections]


class UserSession(models.Model):
    """A signed-in session and whose it is, so that disabling an account ends all its sessions
    at once (throughcare.access.signin.sessions). Written at sign-in, removed at sign-out."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=64, unique=True)
    signed_in_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Session of {self.user}"


class Invitation(models.Model):
    """A one-time link, emailed to the owner of a new account (or of one whose second factor an
    administrator reset), through which they set their password and their authenticator app.

    Only a hash of the token is kept: the link itself exists only in the email. It works once,
    until it expires; sending a new one withdraws the old (throughcare.access.accounts)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.user}"
