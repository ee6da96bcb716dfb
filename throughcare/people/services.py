"""Every change to a person's record. Each function validates, writes in one transaction and
records an audit event in that same transaction."""

from __future__ import annotations

import secrets
import string
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from throughcare.audit import services as audit
from throughcare.audit.models import Operation, RecordType
from throughcare.audit.records import record_for
from throughcare.core import clock, events
from throughcare.core.errors import Invalid, Stale
from throughcare.rules import places as postcode_rules

from . import conflicts, rules
from .commands import NewAlias, NewOffence, NewPerson, NewSentence, NewVictim, PersonChanges
from .models import Alias, Offence, Person, Sentence, Victim
from .staff import Staff
from .validation import DuplicateIdentifierError as DuplicateIdentifierError
from .validation import allocation_problem, check_offence, check_person, check_sentence

PERSON_FIELDS = (
    "given_name",
    "middle_names",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "sex",
    "gender_identity",
    "ethnicity",
    "nationality",
    "first_language",
    "interpreter_required",
    "disability",
    "disability_details",
    "religion",
    "prison_number",
    "pnc_number",
    "prison",
    "community_address",
    "pom",
    "com",
)
_NULLABLE = frozenset({"prison_number", "pnc_number", "prison", "pom", "com", "date_of_birth"})


class StaleEditError(Stale):
    """The record changed after the user loaded it. Nothing was saved; `changed` names the
    fields someone else changed meanwhile (from the audit log), `current` is the record as it
    is now, and `changes` says which submitted fields the user changed, which the colleague
    changed and which both changed to different values (see `conflicts`)."""

    def __init__(
        self, current: Person, changed: set[str], changes: conflicts.Changes | None = None
    ) -> None:
        self.changes = changes or conflicts.Changes(frozenset(), frozenset(), frozenset())
        super().__init__(
            "Someone else changed this record while you were editing it. Your changes have "
            "not been saved: check the record as it is now, then save again.",
            changed=changed,
            current=current,
        )
        self.current: Person = current


def new_crn() -> str:
    """A CRN in the X123456 form not yet used by anyone."""
    while True:
        crn = secrets.choice(string.ascii_uppercase) + f"{secrets.randbelow(1_000_000):06d}"
        if not Person.objects.filter(crn=crn).exists():
            return crn


def _clean_identifiers(values: dict[str, Any]) -> None:
    """The identifiers among `values` in their one written form (none: not recorded). Only
    those given: a change that does not carry them leaves them as they are."""
    if "prison_number" in values:
        values["prison_number"] = rules.normalise_identifier(values["prison_number"] or "") or None
    if "pnc_number" in values:
        values["pnc_number"] = rules.normalise_pnc(values["pnc_number"] or "") or None


def _allocate_creator(user: Staff, values: dict[str, Any]) -> None:
    """A POM or COM adding a person is allocated to them unless they chose someone else, so
    nobody creates a record they then cannot open. An SPO must allocate someone."""
    slot = {"pom": "pom", "com": "com"}.get(str(user.role))
    if slot and not values.get(slot):
        values[slot] = user
    if problem := allocation_problem(user, values):
        raise Invalid({"com": problem})


@transaction.atomic
def create_person(*, user: Staff, details: NewPerson, today: date | None = None) -> Person:
    today = today or clock.today()
    values = details.as_data()
    _allocate_creator(user, values)
    check_person(values, today=today)
    _clean_identifiers(values)
    values = {k: ("" if v is None and k not in _NULLABLE else v) for k, v in values.items()}
    person = Person.objects.create(crn=new_crn(), **values)
    record_for(person, user=user, operation=Operation.COLLECTION, fields=values.keys())
    return person


def _save_changes(
    *, user: Staff, person: Person, values: Mapping[str, Any], reason: str = ""
) -> None:
    """Writes the values that differ from the person's, as a new version, and audits the
    alteration (the names of the fields changed, never their values). Nothing if none differ."""
    changed = [field for field, value in values.items() if getattr(person, field) != value]
    if not changed:
        return
    for field in changed:
        setattr(person, field, values[field])
    person.version += 1
    person.save(update_fields=[*changed, "version", "updated_at"])
    record_for(person, user=user, operation=Operation.ALTERATION, fields=changed, reason=reason)


def _lock_version(
    person: Person,
    expected_version: int,
    submitted: Mapping[str, Any],
    loaded: Mapping[str, Any] | None,
) -> Person:
    """The person as stored now, locked for this transaction, if still at the version the user
    loaded, or already holding every value submitted (the same save sent twice: nothing to
    write, nothing to refuse); otherwise StaleEditError saying who changed what meanwhile
    (`loaded`: the values the user's page showed, if known)."""
    current = Person.objects.select_for_update().get(pk=person.pk)
    if current.version != expected_version and not conflicts.holds(current, submitted):
        changed = audit.fields_changed_since(
            record_type=RecordType.PERSON, record_id=current.pk, version=expected_version
        )
        raise StaleEditError(
            current,
            changed,
            conflicts.compare(
                current=current, submitted=submitted, loaded=loaded, changed_meanwhile=changed
            ),
        )
    return current


# Fields a user may change on the "Change details" page (allocation is the SPO's to change).
EDITABLE_FIELDS = tuple(f for f in PERSON_FIELDS if f not in ("pom", "com"))


@transaction.atomic
def update_person(
    *,
    user: Staff,
    person: Person,
    changes: PersonChanges,
    expected_version: int,
    loaded: Mapping[str, Any] | None = None,
    today: date | None = None,
) -> Person:
    """Changes the person's details given in `changes` (the others stay as they are), if nobody
    else has changed them since `expected_version` (`loaded`: the values the user's page showed
    at that version, so that a refusal can say which fields both changed; see `conflicts`)."""
    today = today or clock.today()
    values = changes.given()
    current = _lock_version(person, expected_version, values, loaded)
    check_person(values, today=today, person=current)
    _clean_identifiers(values)
    values = {k: ("" if v is None and k not in _NULLABLE else v) for k, v in values.items()}
    moved = "community_address" in values and (
        values["community_address"] != current.community_address
    )
    _save_changes(user=user, person=current, values=values)
    if moved:
        events.publish(events.COMMUNITY_ADDRESS_CHANGED, user=user, person=current)
    return current


@transaction.atomic
def leave_custody(*, user: Staff, person: Person) -> Person:
    """The person left prison (their release was recorded, `planning.release`): no longer held
    at a prison, so pages and the caseload stop showing them there. Audited as an alteration of
    the person; nothing if they were not recorded at a prison."""
    current = Person.objects.select_for_update().get(pk=person.pk)
    _save_changes(
        user=user, person=current, values={"prison": None}, reason="Released from custody"
    )
    person.prison, person.version = current.prison, current.version
    return current


@transaction.atomic
def add_sentence(
    *, user: Staff, person: Person, sentence: NewSentence, today: date | None = None
) -> Sentence:
    today = today or clock.today()
    data = sentence.as_data()
    check_sentence(person=person, data=data, today=today)
    created = Sentence.objects.create(
        person=person,
        created_by_id=user.pk,
        sentence_type=sentence.sentence_type,
        sentence_date=sentence.sentence_date,
        length_years=sentence.length_years or 0,
        length_months=sentence.length_months or 0,
        length_days=sentence.length_days or 0,
        **{field: getattr(sentence, field) for field in rules.KEY_DATES},
    )
    record_for(created, user=user, operation=Operation.COLLECTION, fields=data.keys())
    refresh_key_dates(user=user, person=person)
    return created


def refresh_key_dates(*, user: Staff, person: Person) -> None:
    """Keeps the person's shown release and eligibility dates in step with the current
    sentence (the most recent current one). Call inside the transaction that changed it."""
    current = person.sentences.filter(is_current=True).order_by("-sentence_date", "-pk").first()
    dates = current.key_dates() if current else {}
    shown = rules.release_date(dates)
    eligibility = rules.eligibility_date(dates)
    new_values = {
        "release_date": shown.value if shown else None,
        "release_date_source": shown.source if shown else "",
        "eligibility_date": eligibility.value if eligibility else None,
    }
    _save_changes(user=user, person=person, values=new_values)


@transaction.atomic
def add_offence(
    *,
    user: Staff,
    person: Person,
    sentence: Sentence,
    offence: NewOffence,
    today: date | None = None,
) -> Offence:
    data = offence.as_data()
    check_offence(person=person, sentence=sentence, data=data, today=today)
    if offence.is_main:
        for previous in sentence.offences.filter(is_main=True):
            previous.is_main = False
            previous.updated_by_id = user.pk
            previous.version += 1
            previous.save(update_fields=["is_main", "updated_by", "version"])
            record_for(previous, user=user, operation=Operation.ALTERATION, fields=["is_main"])
    created = Offence.objects.create(
        person=person,
        created_by_id=user.pk,
        sentence=sentence,
        description=offence.description,
        ogrs3_category=offence.ogrs3_category,
        conviction_date=offence.conviction_date,
        is_main=offence.is_main,
    )
    record_for(created, user=user, operation=Operation.COLLECTION, fields=data.keys())
    return created


@transaction.atomic
def add_victim(*, user: Staff, person: Person, victim: NewVictim) -> Victim:
    name = victim.name.strip()
    relationship = victim.relationship.strip()
    problems = {}
    if not name:
        problems["name"] = "Enter the victim's name"
    if not relationship:
        problems["relationship"] = "Enter their relationship to the person"
    postcode = " ".join(victim.postcode.upper().split())
    if postcode and not postcode_rules.is_postcode(postcode):
        problems["postcode"] = "Enter a real postcode, like NB1 4XY"
    if problems:
        raise Invalid(problems)
    created = Victim.objects.create(
        person=person,
        created_by_id=user.pk,
        name=name,
        relationship=relationship,
        safety_concerns=victim.safety_concerns.strip(),
        postcode=postcode,
        keep_clear=victim.keep_clear.strip(),
    )
    record_for(
        created,
        user=user,
        operation=Operation.COLLECTION,
        fields=["name", "relationship", "safety_concerns", "postcode", "keep_clear"],
    )
    return created


@transaction.atomic
def reallocate(
    *,
    user: Staff,
    person: Person,
    pom: Staff | None,
    com: Staff | None,
    expected_version: int,
    loaded: Mapping[str, Any] | None = None,
) -> Person:
    """A senior probation officer changes who holds the case. Refused if the record changed
    since the version they loaded, or if nobody would hold it."""
    current = _lock_version(person, expected_version, {"pom": pom, "com": com}, loaded)
    if pom is None and com is None:
        raise Invalid(
            {"com": "Allocate a prison or community offender manager, so the case has an owner"}
        )
    problems = {}
    if pom is not None and pom.role != "pom":
        problems["pom"] = "Choose a prison offender manager"
    if com is not None and com.role != "com":
        problems["com"] = "Choose a community offender manager"
    if problems:
        raise Invalid(problems)
    _save_changes(user=user, person=current, values={"pom": pom, "com": com}, reason="Reallocation")
    return current


@transaction.atomic
def add_alias(*, user: Staff, person: Person, alias: NewAlias) -> Alias:
    """Another name the person is or has been known by, recorded once (whatever its case)."""
    given = alias.given_name.strip()
    family = alias.family_name.strip()
    if not given and not family:
        raise Invalid({"family_name": "Enter the other name"})
    already = Invalid({"family_name": "This name is already recorded"})
    if person.aliases.filter(name_key=rules.name_key(given, family)).exists():
        raise already
    try:
        # The database's own check (unique per person) catches the same name submitted twice
        # at once, which both find not yet recorded above: the second is refused, unwritten.
        with transaction.atomic():
            created = Alias.objects.create(
                person=person, given_name=given, family_name=family, created_by_id=user.pk
            )
    except IntegrityError:
        raise already from None
    record_for(
        created, user=user, operation=Operation.COLLECTION, fields=["given_name", "family_name"]
    )
    refresh_other_names(user=user, person=person)
    return created


def refresh_other_names(*, user: Staff, person: Person) -> None:
    """Keeps the person's `other_names` (what a name search matches of their other names) in
    step with their aliases, as `refresh_key_dates` keeps the shown dates: a new version of the
    person, its alteration audited. Call inside the transaction that changed an alias."""
    aliases = person.aliases.order_by("pk").values_list("given_name", "family_name")
    names = rules.other_names(aliases)
    _save_changes(user=user, person=person, values={"other_names": names})
