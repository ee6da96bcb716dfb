"""The pages of the access matrix (tests/test_access_matrix.py) that are not a person's record
page, how the policy applies to each, and what each relation is entitled to see of the marked
values the matrix plants in the record."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from tests import access_matrix_assessment
from throughcare.access import policy
from throughcare.access.pages import declared_gate, declared_referral_gate, declared_request_gate
from throughcare.access.referral_grant import ReferralAction
from throughcare.access.request_grant import RequestAction

R = policy.Relation
A = policy.Action
U = policy.UserAction

# Values that must never appear on a page for a user not entitled to them.
VICTIM = "Vera Victimname"
SENSITIVE = "SENSITIVE-NOTE-TEXT"
WITHHELD = "WITHHELD-FROM-PARTNERS-TEXT"
RECORD = "K9876LM"  # the prison number: any part of the record beyond search's name/CRN/DOB
EXCLUSION_REASON = "EXCLUSION-REASON-TEXT"  # why a member of staff is excluded from the record
CONCERN = "URGENT-CONCERN-TEXT"  # what was said or seen, and a question asked of a colleague
# An answer in a signed document of the sample kind (read with VIEW: records.tests.sample_kind),
# and the author's note to the countersigner and the countersigner's comments (the case team's).
SIGNED = "SIGNED-DOCUMENT-ANSWER-TEXT"
SIGNING_NOTE = "SIGNING-NOTE-AND-COMMENTS-TEXT"
# The assessment's answers (tests/access_matrix_assessment.py): the locked version's, for those
# who may read the full assessment; the open version's, for staff only.
ASSESSED = access_matrix_assessment.ASSESSED
OPEN_ANSWER = access_matrix_assessment.OPEN_ANSWER

# Pages whose POST only one named user may make, beyond what the policy's action allows: a
# request for advice is answered only by the colleague asked (in the world, the team's SPO);
# anyone else the action allows is refused (403).
ADVISER_ONLY = {"casework:advice": R.TEAM_SPO}

# Pages of one version of a signed document, which a partner reads only once it is locked: the
# world's version (`number`) is waiting for its countersignature, so a partner is not shown it.
LOCKED_ONLY_FOR_PARTNERS = {"records:version"}

# The Plan section is for the case team and for partners whose agreement covers a part of it:
# staff who broke the glass may open the record but not the plan (403).
PLAN_READERS_ONLY = {"planning:plan"}

# The assessment's long form is the case team's workspace (drafts, sources, advice): a partner
# whose agreement shares the assessment reads its locked versions on the records pages.
CASE_TEAM_WORKSPACE = {
    "assessment:version",
    "assessment:section",
    "assessment:check",
    "assessment:submitted",
}


@dataclass(frozen=True)
class Page:
    """How the policy applies to a URL: a person-level action (with the sharing section a
    partner needs), a user-level action, or a page that needs no case permission."""

    action: A | None = None
    section: str | None = None
    user_action: U | None = None
    # "public", "any", "home", "break-glass", "post-only", "sign-out", "invitation"
    special: str | None = None
    post_action: A | None = None  # what a POST needs, when it differs from a GET
    # A page of one addressed item (`request_page`): what the request grant must allow, and
    # which item the URL names (an information request's `request_id`, advice's `advice_id`).
    request_action: RequestAction | None = None
    request_post_action: RequestAction | None = None
    request_argument: str = "request_id"
    # A page of one referral (`referral_page`): what the referral grant must allow.
    referral_action: ReferralAction | None = None
    referral_post_action: ReferralAction | None = None


# The pages that are not a person's record page (those declare their gate on the view).
PAGES: dict[str, Page] = {
    "access:sign-in": Page(special="public"),
    "access:two-factor": Page(special="public"),
    "access:two-factor-set-up": Page(special="public"),
    "access:recovery-code": Page(special="public"),
    "access:invitation": Page(special="invitation"),
    "access:invitation-password": Page(special="invitation"),
    "access:invitation-app": Page(special="invitation"),
    "oversight:account-changes": Page(user_action=U.USER_ACTIVITY),
    "access:sign-out": Page(special="sign-out"),
    "access:break-glass": Page(special="break-glass"),
    "oversight:unexpected-access": Page(user_action=U.UNEXPECTED_ACCESS_REPORT),
    "caseload:home": Page(special="home"),
    "caseload:caseload": Page(special="any"),
    "caseload:search": Page(special="any"),
    "caseload:attention": Page(special="any"),
    "casework:requests-to-me": Page(special="any"),
    "casework:requests-sent": Page(special="any"),
    "caseload:create": Page(user_action=U.CREATE_PERSON),
    "oversight:users": Page(user_action=U.USER_ACTIVITY),
    "oversight:user-activity": Page(user_action=U.USER_ACTIVITY),
    "oversight:export": Page(user_action=U.EXPORT_AUDIT),
    "caseload:export-csv": Page(user_action=U.EXPORT_CASELOAD),
    "caseload:export-json": Page(user_action=U.EXPORT_CASELOAD),
    "imports:upload": Page(user_action=U.IMPORT_PEOPLE),
    "imports:job": Page(user_action=U.IMPORT_PEOPLE),
    "imports:rejected": Page(user_action=U.IMPORT_PEOPLE),
    "insight_equality:equality": Page(user_action=U.TEAM_FIGURES),
    "insight_equality:equality-csv": Page(user_action=U.TEAM_FIGURES),
    "insight_equality:fairness": Page(user_action=U.TEAM_FIGURES),
    "insight_equality:fairness-csv": Page(user_action=U.TEAM_FIGURES),
    # Issue 16: the team view of the user's team or own people (policy.team_people).
    "insight_team:view": Page(user_action=U.TEAM_VIEW),
    "insight_outcomes:report": Page(user_action=U.TEAM_FIGURES),
    "insight_outcomes:csv": Page(user_action=U.TEAM_FIGURES),
}


def page_for(name: str, pattern: URLPattern) -> Page:
    """How the policy applies to a URL: the gate its view declares, or its entry in PAGES."""
    referral_gate = declared_referral_gate(pattern.callback)
    if referral_gate is not None:
        return Page(
            referral_action=referral_gate.action,
            referral_post_action=referral_gate.post_action,
            request_argument=referral_gate.url_argument,
        )
    request_gate = declared_request_gate(pattern.callback)
    if request_gate is not None:
        return Page(
            request_action=request_gate.action,
            request_post_action=request_gate.post_action,
            request_argument=request_gate.url_argument,
        )
    gate = declared_gate(pattern.callback)
    if gate is None:
        return PAGES[name]
    post_only = getattr(pattern.callback, "post_only", None)
    return Page(
        action=gate.action,
        section=gate.section,
        special="post-only" if post_only else None,
        post_action=gate.post_action,
    )


# What each relation may see of the restricted values (beyond the policy's actions).
def entitled(relation: R) -> set[str]:
    values = set()
    if policy.allows(relation, A.VIEW_VICTIMS):
        values.add(VICTIM)
    if policy.allows(relation, A.VIEW_SENSITIVE):
        values.add(SENSITIVE)
    if policy.allows(relation, A.VIEW) and relation != R.PARTNER_WITH_AGREEMENT:
        values.add(WITHHELD)
    if policy.allows(relation, A.VIEW):
        values.add(RECORD)
    if policy.allows(relation, A.READ_EXCLUSION_REASONS):
        values.add(EXCLUSION_REASON)
    if policy.allows(relation, A.VIEW_CONCERNS):
        values.add(CONCERN)
    if policy.allows(relation, A.VIEW):
        values.add(SIGNED)
    if relation in policy.CASE_TEAM:
        values.add(SIGNING_NOTE)
    if policy.allows(relation, A.VIEW):
        values.add(ASSESSED)  # the world's partner agreement shares the assessment
    if policy.allows(relation, A.VIEW) and relation != R.PARTNER_WITH_AGREEMENT:
        values.add(OPEN_ANSWER)
    return values


def named_patterns() -> Iterator[tuple[str, URLPattern]]:
    """Every page's URL pattern. The API's (namespace "api") are not pages: its matrix is
    tests/test_api_access_matrix.py, which covers every operation of its OpenAPI schema."""

    def walk(patterns: list[Any], namespace: str | None) -> Iterator[tuple[str, URLPattern]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "api":
                    continue
                inner = pattern.namespace or namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
                yield name, pattern

    yield from walk(get_resolver().url_patterns, None)


# The world's item a request page's URL names, by its argument.
ITEM_FOR_ARGUMENT = {"request_id": "request", "advice_id": "advice", "referral_id": "referral"}


def item_for(page: Page, world: dict[str, Any]) -> Any:
    """The addressed item a request page shows, in the matrix's world (None: not such a page)."""
    if page.request_action is None and page.referral_action is None:
        return None
    return world[ITEM_FOR_ARGUMENT[page.request_argument]]
