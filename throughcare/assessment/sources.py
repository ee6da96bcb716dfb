"""What gathering holds that the assessment's sufficiency check (P17) needs: which gathered
entries meet which need (`held`), and the page to ask for a missing one (`request_url`).

The mapping, entry by entry (the simplest that is honest about where each came from):

- interview with the person: a submitted interview (casework/interview), obtained on the day
  it was submitted (London);
- custody information: a reply to an information request that asked about their behaviour
  in custody, or any entry (a reply, an urgent concern) sourced to the prison;
- programme results: a reply that asked about programmes;
- police domestic abuse information: a reply that asked about domestic abuse call-outs, or any
  entry sourced to the police;
- children's services information: a reply that asked about the safeguarding of children, or
  any entry sourced to children's services;
- the criminal record: a reply that asked about the criminal record, or any entry sourced to a
  document whose title names it ("criminal record", "Police National Computer" or "PNC").
  The OGRS3 section's own record of the criminal record's source is added by the assessment.

A reply meets a need by the topic it answered, whoever answered: the request said what it
asked and of whom, and the label names the source, so the practitioner sees what it rests on.
Entries read here are about the person only; the caller has already checked that the user may
see the assessment (the labels carry sources and dates, never what was said).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from throughcare.access.models import Function
from throughcare.casework.concerns.models import UrgentConcern
from throughcare.casework.interview.models import Interview
from throughcare.casework.requests.models import InformationReply, RecipientKind, Topic
from throughcare.casework.sources import Sourced, SourceKind
from throughcare.core import clock
from throughcare.rules.times import LONDON

from .rules.sufficiency import Facts, Finding, Held, Need, check

if TYPE_CHECKING:
    from throughcare.people.models import Person

DEFAULT_MAX_AGE_DAYS = 182

# A reply meets a need by the topic it answered.
TOPIC_NEEDS: Mapping[str, Need] = {
    Topic.BEHAVIOUR: Need.CUSTODY,
    Topic.PROGRAMMES: Need.PROGRAMMES,
    Topic.DOMESTIC_ABUSE: Need.POLICE_DA,
    Topic.SAFEGUARDING: Need.CHILDRENS_SERVICES,
    Topic.CRIMINAL_RECORD: Need.CRIMINAL_RECORD,
}
# Any entry meets a need by its source.
SOURCE_NEEDS: Mapping[str, Need] = {
    SourceKind.PRISON: Need.CUSTODY,
    SourceKind.POLICE: Need.POLICE_DA,
    SourceKind.CHILDRENS_SERVICES: Need.CHILDRENS_SERVICES,
}
CRIMINAL_RECORD_TITLE = re.compile(
    r"criminal record|police national computer|\bPNC\b", re.IGNORECASE
)


def _by_source(entry: Sourced) -> Need | None:
    if entry.source_kind == SourceKind.DOCUMENT:
        titled = CRIMINAL_RECORD_TITLE.search(entry.source_name)
        return Need.CRIMINAL_RECORD if titled else None
    return SOURCE_NEEDS.get(entry.source_kind)


def _interviews(person: Person) -> Iterator[Held]:
    submitted = Interview.objects.filter(person=person, submitted_at__isnull=False)
    for interview in submitted.order_by("submitted_at", "pk"):
        assert interview.submitted_at is not None  # noqa: S101 - filtered above
        yield Held(
            Need.INTERVIEW,
            interview.submitted_at.astimezone(LONDON).date(),
            "Interview with the person",
            reverse("casework:interview-summary", args=[person.pk, interview.pk]),
        )


def _replies(person: Person) -> Iterator[Held]:
    replies = InformationReply.objects.filter(person=person).select_related("request")
    for reply in replies.order_by("obtained_on", "pk"):
        ref = reverse("casework:requests", args=[person.pk]) + f"#request-{reply.request_id}"
        label = f"Reply to an information request ({reply.source_label})"
        needs = [TOPIC_NEEDS[t] for t in reply.request.topics if t in TOPIC_NEEDS]
        by_source = _by_source(reply)
        if by_source is not None and by_source not in needs:
            needs.append(by_source)
        for need in needs:
            yield Held(need, reply.obtained_on, label, ref)


def _concerns(person: Person) -> Iterator[Held]:
    for concern in UrgentConcern.objects.filter(person=person).order_by("obtained_on", "pk"):
        need = _by_source(concern)
        if need is not None:
            yield Held(
                need,
                concern.obtained_on,
                f"Urgent concern ({concern.source_label})",
                reverse("casework:concern", args=[person.pk, concern.pk]),
            )


def held(person: Person) -> list[Held]:
    """Every gathered entry about `person` that meets a need, oldest first."""
    found = [*_interviews(person), *_replies(person), *_concerns(person)]
    return sorted(found, key=lambda h: (list(Need).index(h.need), h.obtained_on))


def max_age_days() -> dict[Need, int]:
    """How old each source may be before it is out of date: the service's local policy
    (`ASSESSMENT_SOURCE_MAX_AGE_DAYS`, by need value), 182 days where it sets none."""
    configured: Mapping[str, Any] = getattr(settings, "ASSESSMENT_SOURCE_MAX_AGE_DAYS", {})
    unknown = set(configured) - {need.value for need in Need}
    if unknown:
        raise ValueError(f"ASSESSMENT_SOURCE_MAX_AGE_DAYS: not a source: {sorted(unknown)!r}")
    limits = {need: int(configured.get(need.value, DEFAULT_MAX_AGE_DAYS)) for need in Need}
    if any(days < 0 for days in limits.values()):
        raise ValueError("ASSESSMENT_SOURCE_MAX_AGE_DAYS: a number of days cannot be negative")
    return limits


def findings(person: Person, facts: Facts, also: Iterable[Held] = ()) -> list[Finding]:
    """The sufficiency check for `person` today, from what gathering holds and `also` (the
    assessment's own sources, such as the criminal record's source in its OGRS3 section)."""
    return check(facts, [*held(person), *also], clock.today(), max_age_days())


# What a request for each need asks, and of whom. The interview is not requested: it is held.
_PURPOSE = "For the assessment of risk of serious harm and of reoffending (standard P17): {}."
_ASKS: Mapping[Need, dict[str, Any]] = {
    Need.CUSTODY: {
        "recipient_kind": RecipientKind.FUNCTION,
        "function": Function.KEY_WORKER,
        "topics": [Topic.BEHAVIOUR],
        "why": "the assessment needs the prison's information about their behaviour in custody",
    },
    Need.PROGRAMMES: {
        "recipient_kind": RecipientKind.FUNCTION,
        "function": Function.PROGRAMMES,
        "topics": [Topic.PROGRAMMES],
        "why": "the assessment needs the results of the programmes they attended",
    },
    Need.POLICE_DA: {
        "recipient_kind": RecipientKind.PARTNER,
        "topics": [Topic.DOMESTIC_ABUSE],
        "why": "they have a partner or ex-partner, so the assessment needs the police's "
        "domestic abuse call-out information",
    },
    Need.CHILDRENS_SERVICES: {
        "recipient_kind": RecipientKind.PARTNER,
        "topics": [Topic.SAFEGUARDING],
        "why": "children are in contact with them, so the assessment needs children's "
        "services' safeguarding information",
    },
    Need.CRIMINAL_RECORD: {
        "recipient_kind": RecipientKind.COLLEAGUE,
        "topics": [Topic.CRIMINAL_RECORD],
        "why": "the assessment needs their criminal record",
    },
}


def request_url(person: Person, need: Need) -> str:
    """The page to get a missing or out-of-date source: casework's new information request,
    filled in for the need (who to ask, what about, and why); for the interview, the page
    where an interview with the person is started."""
    if need == Need.INTERVIEW:
        return reverse("casework:information", args=[person.pk])
    ask = dict(_ASKS[need])
    query: dict[str, Any] = {
        "recipient_kind": ask["recipient_kind"],
        "topics": [str(topic) for topic in ask["topics"]],
        "purpose": _PURPOSE.format(ask["why"]),
    }
    if ask["recipient_kind"] == RecipientKind.FUNCTION:
        query["function"] = ask["function"]
        if person.prison_id is not None:
            query["organisation"] = person.prison_id
    url = reverse("casework:request-new", args=[person.pk])
    return f"{url}?{urlencode(query, doseq=True)}"
