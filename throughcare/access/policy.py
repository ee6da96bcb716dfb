"""The access policy: the one place that decides which people a user may see and what they may
do to them. Every read of case data starts here: pages, search, exports, documents and the API.

The rules (docs/access.md holds the same table; a test fails if the two disagree):
- the allocated prison and community offender managers have full access to their people;
- their team (colleagues in the same prison or probation team) may read; the team's senior
  probation officer may also countersign and reallocate;
- other prison and probation staff may find a person by search (by name or CRN, shown name,
  CRN and date of birth) and open the record only after giving a reason ("break-glass"), for
  that session;
- limited access, as in nDelius: a user on a person's exclusion list, or not on their
  restriction list when they have one, sees only a message saying whom to ask;
- partner workers see only people shared with their organisation under a current sharing
  agreement, and only the sections it covers, never victims or safeguarding or withheld notes;
  search shows them, and finds people by, only what is shared;
- administrators manage users and settings and see no case records;
- the recipient of an open information request sees that request and the person's name, CRN
  and prison number, nothing else of the record, until it is answered or withdrawn: a grant
  to the request, not to the person (`request_grant.py`).
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, reduce
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import BaseExpression
from django.http import HttpRequest

from throughcare.core import clock
from throughcare.people.models import Person

from .models import (
    AccessExclusion,
    AccessRestriction,
    BreakGlassAccess,
    Role,
    SharingAgreement,
)

if TYPE_CHECKING:
    from .models import User

STAFF_ROLES = frozenset({Role.POM, Role.COM, Role.SPO})


class Relation(enum.StrEnum):
    """How a user stands to one person's record, most specific first."""

    EXCLUDED = "excluded"
    NOT_ON_RESTRICTION_LIST = "not on restriction list"
    ALLOCATED = "allocated"
    TEAM_SPO = "team SPO"
    TEAM = "team"
    BREAK_GLASS = "other staff after break-glass"
    OTHER_STAFF = "other staff"
    PARTNER_WITH_AGREEMENT = "partner with agreement"
    PARTNER = "partner without agreement"
    ADMINISTRATOR = "administrator"
    NONE = "none"


class Action(enum.StrEnum):
    VIEW = "view the record"
    VIEW_SENSITIVE = "view sensitive case notes"
    VIEW_VICTIMS = "view victim details"
    VIEW_SAFEGUARDING = "view safeguarding details"
    ADD_CASE_NOTE = "add case notes"
    EDIT = "change the record"
    COUNTERSIGN = "countersign"
    REALLOCATE = "reallocate"
    VIEW_WHO_HAS_SEEN = "see who has seen the record"
    SUBJECT_ACCESS = "export for a subject access request"
    MANAGE_LIMITED_ACCESS = "manage exclusion and restriction lists"
    READ_EXCLUSION_REASONS = "read why staff are excluded"
    MANAGE_SHARING = "manage sharing agreements"
    UNMARK_SENSITIVE = "remove a case note's sensitive mark"
    VIEW_PROTECTED = "view protected characteristics"
    EXPORT_RECORD = "export the record summary and plan"
    REQUEST_INFORMATION = "send and withdraw information requests"
    VIEW_INFORMATION_REQUESTS = "see information requests and their replies"
    VIEW_CONCERNS = "see urgent concerns and advice"
    RECORD_CONCERN = "record an urgent concern"
    ACKNOWLEDGE_CONCERN = "acknowledge an urgent concern"
    ACT_ON_CONCERN = "record actions on an urgent concern and resolve it"
    ASK_ADVICE = "ask a colleague for advice"
    VIEW_OPTIONS = "see release options, barriers and decision criteria"
    VIEW_PLAN = "see the resettlement plan, risk management plan and release"
    RESPOND_TO_ESCALATION = "respond to an escalation"


R = Relation
_CASE_TEAM = frozenset({R.ALLOCATED, R.TEAM_SPO, R.TEAM})
CASE_TEAM = _CASE_TEAM  # allocated, team SPO, team: the relations of the case team
_MANAGERS = frozenset({R.ALLOCATED, R.TEAM_SPO})

# Which relations may take each action on a person. Partners are further limited to the
# sections their agreement covers (see `may_see_section`).
PERSON_RULES: dict[Action, frozenset[Relation]] = {
    Action.VIEW: _CASE_TEAM | {R.BREAK_GLASS, R.PARTNER_WITH_AGREEMENT},
    Action.VIEW_SENSITIVE: _CASE_TEAM,
    Action.VIEW_VICTIMS: _MANAGERS,
    Action.VIEW_SAFEGUARDING: _MANAGERS,
    Action.ADD_CASE_NOTE: frozenset({R.ALLOCATED}),
    Action.EDIT: frozenset({R.ALLOCATED}),
    Action.COUNTERSIGN: frozenset({R.TEAM_SPO}),
    Action.REALLOCATE: frozenset({R.TEAM_SPO}),
    Action.VIEW_WHO_HAS_SEEN: _MANAGERS,
    Action.SUBJECT_ACCESS: _MANAGERS,
    Action.MANAGE_LIMITED_ACCESS: frozenset({R.TEAM_SPO}),
    # Least privilege: the reason can name a conflict of interest or a colleague's private life.
    # Whoever recorded an exclusion may also read its reason (`may_read_exclusion_reason`).
    Action.READ_EXCLUSION_REASONS: frozenset({R.TEAM_SPO}),
    Action.MANAGE_SHARING: _MANAGERS,
    # The allocated staff only for notes they wrote (throughcare.casework.services).
    Action.UNMARK_SENSITIVE: _MANAGERS,
    # Equality monitoring data: for those who hold the case (the API shows them; the pages
    # show them only on Change details, to the allocated staff, and in the subject access
    # export, to the managers).
    Action.VIEW_PROTECTED: _MANAGERS,
    # A file leaves the service: the case team only, not break-glass, never partners.
    Action.EXPORT_RECORD: _CASE_TEAM,
    Action.REQUEST_INFORMATION: frozenset({R.ALLOCATED}),
    # Replies can carry health or security detail: the case team only, like sensitive notes.
    Action.VIEW_INFORMATION_REQUESTS: _CASE_TEAM,
    # Urgent concerns and advice are for the case team only: never partners, nor staff who
    # broke the glass (throughcare.casework.concerns). Anyone in the team who hears of an
    # immediate risk records it at once; the team's SPO acknowledges it; the allocated staff
    # and the SPO record what was done and resolve it. Advice is answered only by the
    # colleague it was asked of, who is in the case team already (casework.advice).
    Action.VIEW_CONCERNS: _CASE_TEAM,
    Action.RECORD_CONCERN: _CASE_TEAM,
    Action.ACKNOWLEDGE_CONCERN: frozenset({R.TEAM_SPO}),
    Action.ACT_ON_CONCERN: _MANAGERS,
    Action.ASK_ADVICE: _CASE_TEAM,
    # Release options (throughcare.planning): the case team reads them, the allocated staff
    # write them (EDIT) and the team's SPO agrees a conflicting choice (COUNTERSIGN); partners
    # see an option only when it is shared with them (issue 11, point 6, still to come).
    Action.VIEW_OPTIONS: _CASE_TEAM,
    # The plans and the release (throughcare.planning.*): the case team reads them; the
    # allocated staff write them (EDIT), and of those only the plan's owner (the prison offender
    # manager until the community offender manager accepts the handover:
    # `throughcare.planning.ownership`); partners see only their part, under their agreement's
    # "plan" and "risk_plan" sections. The team's SPO answers escalations.
    Action.VIEW_PLAN: _CASE_TEAM,
    Action.RESPOND_TO_ESCALATION: frozenset({R.TEAM_SPO}),
}


class SearchFact(enum.StrEnum):
    """What a row of search results can show of a person. A search finds a person only by
    what their row may show the user: a match on anything else would confirm it."""

    NAME = "name"
    CRN = "CRN"
    DATE_OF_BIRTH = "date of birth"
    OTHER_NAMES = "other names and preferred name"
    PRISON_NUMBER = "prison number"
    PNC_NUMBER = "PNC number"
    RELEASE_DATE = "release date"


Section = SharingAgreement.Section
_FOUND_BY_SEARCH = _CASE_TEAM | {R.BREAK_GLASS, R.OTHER_STAFF, R.PARTNER_WITH_AGREEMENT}
_TEAM_AND_PARTNERS = _CASE_TEAM | {R.PARTNER_WITH_AGREEMENT}

# Which relations a search result shows each fact to (and so may match it for), and the
# section a partner's agreement must cover for it (None: any current agreement). A relation
# with no fact finds nobody. Break-glass opens the record, not the search: search treats it
# as other staff.
SEARCH_RULES: dict[SearchFact, tuple[frozenset[Relation], str | None]] = {
    SearchFact.NAME: (_FOUND_BY_SEARCH, None),
    SearchFact.CRN: (_FOUND_BY_SEARCH, None),
    SearchFact.DATE_OF_BIRTH: (_FOUND_BY_SEARCH, Section.IDENTITY),
    SearchFact.OTHER_NAMES: (_TEAM_AND_PARTNERS, Section.IDENTITY),
    SearchFact.PRISON_NUMBER: (_TEAM_AND_PARTNERS, Section.IDENTITY),
    SearchFact.PNC_NUMBER: (_TEAM_AND_PARTNERS, Section.IDENTITY),
    SearchFact.RELEASE_DATE: (_TEAM_AND_PARTNERS, Section.SENTENCE),
}


class UserAction(enum.StrEnum):
    CREATE_PERSON = "add a person"
    SEARCH_ALL = "find anyone by name, CRN or date of birth"
    UNEXPECTED_ACCESS_REPORT = "see the unexpected access report for their team"
    USER_ACTIVITY = "see a user's activity"
    EXPORT_AUDIT = "export the audit log"
    MANAGE_USERS = "manage users, teams and organisations"
    EXPORT_CASELOAD = "export their caseload"
    IMPORT_PEOPLE = "import people, sentences and dates from a file"
    TEAM_VIEW = "see the team view of their team or their own caseload"
    TEAM_FIGURES = "see and export the team's outcomes, equality and fairness figures"


USER_RULES: dict[UserAction, frozenset[str]] = {
    UserAction.CREATE_PERSON: frozenset({Role.POM, Role.COM, Role.SPO}),
    UserAction.SEARCH_ALL: frozenset({Role.POM, Role.COM, Role.SPO}),
    UserAction.UNEXPECTED_ACCESS_REPORT: frozenset({Role.SPO}),
    UserAction.USER_ACTIVITY: frozenset({Role.SPO, Role.ADMIN}),
    UserAction.EXPORT_AUDIT: frozenset({Role.ADMIN}),
    UserAction.MANAGE_USERS: frozenset({Role.ADMIN}),
    UserAction.EXPORT_CASELOAD: frozenset({Role.POM, Role.COM, Role.SPO}),
    UserAction.IMPORT_PEOPLE: frozenset({Role.ADMIN}),
    UserAction.TEAM_VIEW: frozenset({Role.POM, Role.COM, Role.SPO}),
    UserAction.TEAM_FIGURES: frozenset({Role.SPO}),
}


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def may(user: User, action: UserAction) -> bool:
    return _active(user) and user.role in USER_RULES[action]


def _current_agreements(organisation_id: int | None) -> QuerySet[SharingAgreement]:
    if organisation_id is None:
        return SharingAgreement.objects.none()
    today = clock.today()
    return SharingAgreement.objects.filter(
        organisation_id=organisation_id,
        start_date__lte=today,
        end_date__gte=today,
        ended_at__isnull=True,
    )


def current_agreements(user: User) -> QuerySet[SharingAgreement]:
    """The sharing agreements under which this partner worker sees people now (none for
    anyone else)."""
    if not _active(user) or user.role != Role.PARTNER:
        return SharingAgreement.objects.none()
    return _current_agreements(user.organisation_id)


def _limited_access_filter(user: User) -> Q:
    """People this user is kept out of by an exclusion or a restriction list: three small sets,
    each read once, not three subqueries for every row (a search reads every row)."""
    excluded = AccessExclusion.objects.filter(user_id=user.pk).values("person_id")
    restricted = AccessRestriction.objects.values("person_id")
    listed = AccessRestriction.objects.filter(user_id=user.pk).values("person_id")
    return Q(pk__in=excluded) | (Q(pk__in=restricted) & ~Q(pk__in=listed))


@dataclass(frozen=True)
class GrantContext:
    """What a grant may depend on beyond the user and the person: the signed-in session, for
    break-glass (an API token or a job has none, so break-glass never applies to them)."""

    session_key: str | None = None


@dataclass(frozen=True)
class Grant:
    """One way a user comes to see a person. `holds` decides it for one person; `people` is
    the same condition on a Person queryset, for `visible_people` (None: the grant never
    holds without a session, so lists and search do not count it)."""

    name: str
    roles: frozenset[str]
    relation: Callable[[User], Relation]
    holds: Callable[[User, Person, GrantContext], bool]
    people: Callable[[User], Q | None] | None


def _allocated(user: User, person: Person, context: GrantContext) -> bool:
    return user.pk in (person.pom_id, person.com_id)


def _allocated_people(user: User) -> Q:
    return Q(pom_id=user.pk) | Q(com_id=user.pk)


def _in_team(user: User, person: Person, context: GrantContext) -> bool:
    teams = {staff.organisation_id for staff in (person.pom, person.com) if staff is not None}
    teams.discard(None)
    return user.organisation_id in teams


def _team_people(user: User) -> Q | None:
    # The team's staff as one small set, not a join to each person's POM and COM.
    if not user.organisation_id:
        return None
    from .models import User

    team = User.objects.filter(organisation_id=user.organisation_id).values("pk")
    return Q(pom_id__in=team) | Q(com_id__in=team)


def _broke_glass(user: User, person: Person, context: GrantContext) -> bool:
    return bool(context.session_key) and (
        BreakGlassAccess.objects.filter(
            person=person, user=user, session_key=context.session_key
        ).exists()
    )


def _shared(user: User, person: Person, context: GrantContext) -> bool:
    return _current_agreements(user.organisation_id).filter(person=person).exists()


def _shared_people(user: User) -> Q | None:
    if not user.organisation_id:
        return None
    return Q(Exists(_current_agreements(user.organisation_id).filter(person_id=OuterRef("pk"))))


# The ways a user comes to see a person, most specific first: `relation` takes the first that
# holds, `visible_people` the people of each. A new kind of grant is one row here (and a
# relation for it in PERSON_RULES and docs/access.md).
GRANTS: tuple[Grant, ...] = (
    Grant("allocation", STAFF_ROLES, lambda user: R.ALLOCATED, _allocated, _allocated_people),
    Grant(
        "team",
        STAFF_ROLES,
        lambda user: R.TEAM_SPO if user.role == Role.SPO else R.TEAM,
        _in_team,
        _team_people,
    ),
    Grant("break-glass", STAFF_ROLES, lambda user: R.BREAK_GLASS, _broke_glass, None),
    Grant(
        "sharing agreement",
        frozenset({Role.PARTNER}),
        lambda user: R.PARTNER_WITH_AGREEMENT,
        _shared,
        _shared_people,
    ),
)

# How a user stands to a person when no grant holds (and limited access does not apply).
UNGRANTED: dict[str, Relation] = {
    **dict.fromkeys(STAFF_ROLES, R.OTHER_STAFF),
    Role.PARTNER: R.PARTNER,
}


def visible_people(user: User) -> QuerySet[Person]:
    """Every person whose record this user may open without break-glass. Lists, search,
    exports, documents and the API start from this queryset: the people of every grant kind
    that holds without a session (`GRANTS`), less those limited access keeps them out of."""
    condition = _visible(user)
    return Person.objects.none() if condition is None else Person.objects.filter(condition)


def _visible(user: User) -> Q | None:
    """`visible_people`'s condition on one Person row (None: nobody)."""
    conditions = [
        condition
        for grant in GRANTS
        if _active(user)
        and user.role in grant.roles
        and grant.people is not None
        and (condition := grant.people(user)) is not None
    ]
    if not conditions:
        return None
    return reduce(operator.or_, conditions) & ~_limited_access_filter(user)


def team_people(user: User) -> QuerySet[Person]:
    """The people of a user's team view and team figures (issue 16): for a senior probation
    officer, the people allocated to their team's staff; for a prison or community offender
    manager, the people allocated to them. Always within `visible_people`, so limited access
    keeps people out here as everywhere; nobody for anyone without `UserAction.TEAM_VIEW`."""
    if not may(user, UserAction.TEAM_VIEW):
        return Person.objects.none()
    own = _team_people(user) if user.role == Role.SPO else _allocated_people(user)
    if own is None:
        return Person.objects.none()
    return visible_people(user).filter(own)


def findable_people(user: User) -> QuerySet[Person]:
    """People this user may find by search: their visible people, and for prison and probation
    staff anyone else too (shown by name, CRN and date of birth only), except records that
    limited access keeps them out of."""
    if may(user, UserAction.SEARCH_ALL):
        return Person.objects.exclude(_limited_access_filter(user))
    return visible_people(user)


def _sharing(user: User, section: str) -> Exists:
    """Whether this partner's organisation has a current agreement for the person (an outer
    Person query's row) covering the section."""
    # Sections are a JSON list of fixed names: matched with their quotes, on either database.
    agreements = _current_agreements(user.organisation_id).filter(
        person_id=OuterRef("pk"), sections__icontains=f'"{section}"'
    )
    return Exists(agreements)


def _shown(user: User, fact: SearchFact) -> BaseExpression:
    relations, section = SEARCH_RULES[fact]
    if user.role in STAFF_ROLES:
        # The same for the whole case team, and for everyone outside it, or not shown.
        in_team = _CASE_TEAM.issubset(relations)
        outside = {R.OTHER_STAFF, R.BREAK_GLASS}.issubset(relations)
        if in_team and outside:
            return Value(True, output_field=BooleanField())
        if in_team or outside:
            return ExpressionWrapper(Q(is_visible=in_team), output_field=BooleanField())
    elif user.role == Role.PARTNER and R.PARTNER_WITH_AGREEMENT in relations:
        # A partner finds only people with a current agreement: no section, no condition.
        if section is None:
            return Value(True, output_field=BooleanField())
        return _sharing(user, section)
    return Value(False, output_field=BooleanField())


def shows(fact: SearchFact) -> str:
    """The name of the annotation `searchable_people` gives each person for a fact."""
    return f"shows_{fact.name.lower()}"


def searchable_people(user: User) -> QuerySet[Person]:
    """`findable_people`, each person annotated with `is_visible` (whether the user may open
    the record without giving a reason) and, for each SearchFact, whether a search result may
    show it to the user (`shows(fact)`, for example `shows_prison_number`). A search
    matches a fact only where it may show it."""
    people = findable_people(user)
    if user.role in STAFF_ROLES:
        # The visible condition on each row, not a subquery over everyone the user may see
        # (which PostgreSQL builds in full, for every search).
        visible = _visible(user)
        people = people.annotate(
            is_visible=Value(False, output_field=BooleanField())
            if visible is None
            else ExpressionWrapper(visible, output_field=BooleanField())
        )
    else:
        people = people.annotate(is_visible=Value(True, output_field=BooleanField()))
    return people.annotate(**{shows(fact): _shown(user, fact) for fact in SearchFact})


@dataclass(frozen=True)
class LimitedAccess:
    """How limited access applies to one user and one person: whether the user is excluded,
    else whether the person has a restriction list and the user is not on it (an excluded
    user's standing on the list is not asked: exclusion decides first)."""

    excluded: bool
    not_on_restriction_list: bool


# The names under which `with_limited_access` annotates a person.
_EXCLUDED, _RESTRICTED, _LISTED = "limited_excluded", "limited_restricted", "limited_listed"


def with_limited_access(people: QuerySet[Person], user: User | int) -> QuerySet[Person]:
    """People read together with how limited access applies to this user (`limited_access`),
    so that the gate works out a relation without a query of its own for each. The user, or
    their id (the gate builds its query once with a stand-in id: `core.compiled`)."""
    user_id = user if isinstance(user, int) else user.pk
    restrictions = AccessRestriction.objects.filter(person=OuterRef("pk"))
    return people.annotate(
        **{
            _EXCLUDED: Exists(
                AccessExclusion.objects.filter(person=OuterRef("pk"), user_id=user_id)
            ),
            _RESTRICTED: Exists(restrictions),
            _LISTED: Exists(restrictions.filter(user_id=user_id)),
        }
    )


def limited_access(user: User, person: Person) -> LimitedAccess:
    """Asked of the database now, in one query (as the gate reads it with the person). A
    person no longer there has no lists either."""
    read = with_limited_access(Person.objects.filter(pk=person.pk), user).only("pk").first()
    if read is None:
        return LimitedAccess(excluded=False, not_on_restriction_list=False)
    return limited_access_read_with(read)


def limited_access_read_with(person: Person) -> LimitedAccess:
    """As read with a person that came through `with_limited_access` (for the gate, which
    works out the relation at once; later checks in the request ask again)."""
    excluded = bool(getattr(person, _EXCLUDED))
    return LimitedAccess(
        excluded=excluded,
        not_on_restriction_list=not excluded
        and getattr(person, _RESTRICTED)
        and not getattr(person, _LISTED),
    )


def relation(
    user: User,
    person: Person,
    session_key: str | None = None,
    limited: LimitedAccess | None = None,
) -> Relation:
    """How this user stands to this person: limited access first, then the first grant kind
    (`GRANTS`, in order) that holds, else what the user's role leaves them. `limited` is how
    limited access applies, when the caller read it with the person in the same request."""
    if not _active(user):
        return R.NONE
    if user.role == Role.ADMIN:
        return R.ADMINISTRATOR
    if limited is None:
        limited = limited_access(user, person)
    if limited.excluded:
        return R.EXCLUDED
    if limited.not_on_restriction_list:
        return R.NOT_ON_RESTRICTION_LIST
    context = GrantContext(session_key=session_key)
    for grant in GRANTS:
        if user.role in grant.roles and grant.holds(user, person, context):
            return grant.relation(user)
    return UNGRANTED.get(user.role, R.NONE)


def allows(relation_: Relation, action: Action) -> bool:
    return relation_ in PERSON_RULES[action]


def can(user: User, person: Person, action: Action, session_key: str | None = None) -> bool:
    return allows(relation(user, person, session_key), action)


def may_see_section(user: User, person: Person, section: str) -> bool:
    """Partners see only the sections their current agreement covers; staff who may view the
    record see every section (field-level limits are separate actions)."""
    if user.role != Role.PARTNER:
        return True
    return any(
        section in agreement.sections
        for agreement in _current_agreements(user.organisation_id).filter(person=person)
    )


def signed_in_user(request: HttpRequest) -> User:
    """The signed-in user of a request that the sign-in middleware has already let through."""
    user = request.user
    if not user.is_authenticated:  # pragma: no cover - the middleware redirects first
        raise PermissionDenied
    return user


class Access:
    """What one user may do to one person, worked out once per request."""

    def __init__(self, user: User, person: Person, relation_: Relation) -> None:
        self.user = user
        self.person = person
        self.relation = relation_

    def can(self, action: Action | str) -> bool:
        return allows(self.relation, Action(action))

    def section(self, section: str) -> bool:
        return may_see_section(self.user, self.person, section)

    @cached_property
    def sections(self) -> dict[str, bool]:
        """For templates: {% if access.sections.sentence %}."""
        return {name: self.section(name) for name in SharingAgreement.Section.values}

    def __getitem__(self, action_name: str) -> bool:
        """For templates: {% if access.VIEW_VICTIMS %}."""
        return self.can(Action[action_name])

    def may_read_reason(self, exclusion: AccessExclusion) -> bool:
        """Why a member of staff is excluded: for the team's senior probation officer, and
        for whoever recorded the exclusion."""
        return exclusion.person_id == self.person.pk and (
            self.can(Action.READ_EXCLUSION_REASONS) or exclusion.created_by_id == self.user.pk
        )


__all__ = [
    "Access",
    "Action",
    "Relation",
    "SearchFact",
    "UserAction",
    "current_agreements",
    "findable_people",
    "may",
    "relation",
    "searchable_people",
    "shows",
    "visible_people",
]
