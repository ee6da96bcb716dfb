"""Sufficiency (P17): each rule on its own, then freshness, unknown facts and gaps."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from throughcare.assessment.rules.sufficiency import (
    Facts,
    Finding,
    Held,
    Need,
    Status,
    check,
    gaps,
)

TODAY = date(2026, 11, 24)
LIMITS = dict.fromkeys(Need, 182)
NONE_CALLED_FOR = Facts(
    partner_or_ex_partner=False, children_in_contact=False, attended_programmes=False
)
ALL_CALLED_FOR = Facts(
    partner_or_ex_partner=True, children_in_contact=True, attended_programmes=True
)
UNKNOWN = Facts(partner_or_ex_partner=None, children_in_contact=None, attended_programmes=None)


def held(need: Need, days_ago: int = 10, label: str = "An entry") -> Held:
    return Held(need, TODAY - timedelta(days=days_ago), label, f"/entries/{need}/{days_ago}")


def finding(need: Need, facts: Facts, entries: list[Held] | None = None) -> Finding:
    found = {f.need: f for f in check(facts, entries or [], TODAY, LIMITS)}
    return found[need]


def test_one_finding_per_need_in_need_order() -> None:
    assert [f.need for f in check(UNKNOWN, [], TODAY, LIMITS)] == list(Need)


# Each rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize("facts", [NONE_CALLED_FOR, ALL_CALLED_FOR, UNKNOWN])
@pytest.mark.parametrize("need", [Need.INTERVIEW, Need.CUSTODY, Need.CRIMINAL_RECORD])
def test_always_needed(need: Need, facts: Facts) -> None:
    missing = finding(need, facts)
    assert missing.status == Status.MISSING
    assert missing.newest is None
    assert missing.why == f"{need.label}: none has been gathered"
    assert finding(need, facts, [held(need)]).status == Status.PRESENT


def test_interview_rule() -> None:
    assert finding(Need.INTERVIEW, NONE_CALLED_FOR).status == Status.MISSING
    assert finding(Need.INTERVIEW, NONE_CALLED_FOR, [held(Need.CUSTODY)]).status == Status.MISSING
    assert finding(Need.INTERVIEW, NONE_CALLED_FOR, [held(Need.INTERVIEW)]).status == Status.PRESENT


def test_custody_rule() -> None:
    assert finding(Need.CUSTODY, NONE_CALLED_FOR, [held(Need.INTERVIEW)]).status == Status.MISSING
    assert finding(Need.CUSTODY, NONE_CALLED_FOR, [held(Need.CUSTODY)]).status == Status.PRESENT


def test_criminal_record_rule() -> None:
    assert finding(Need.CRIMINAL_RECORD, NONE_CALLED_FOR).status == Status.MISSING
    found = finding(Need.CRIMINAL_RECORD, NONE_CALLED_FOR, [held(Need.CRIMINAL_RECORD)])
    assert found.status == Status.PRESENT


def test_programme_results_where_programmes_were_attended() -> None:
    attended = Facts(
        partner_or_ex_partner=False, children_in_contact=False, attended_programmes=True
    )
    assert finding(Need.PROGRAMMES, attended).status == Status.MISSING
    assert finding(Need.PROGRAMMES, attended, [held(Need.PROGRAMMES)]).status == Status.PRESENT
    not_attended = finding(Need.PROGRAMMES, NONE_CALLED_FOR)
    assert not_attended.status == Status.NOT_NEEDED
    assert not_attended.why == "Not needed: no programmes were attended"


def test_police_information_where_there_is_a_partner_or_ex_partner() -> None:
    partner = Facts(
        partner_or_ex_partner=True, children_in_contact=False, attended_programmes=False
    )
    assert finding(Need.POLICE_DA, partner).status == Status.MISSING
    assert finding(Need.POLICE_DA, partner, [held(Need.POLICE_DA)]).status == Status.PRESENT
    no_partner = finding(Need.POLICE_DA, NONE_CALLED_FOR)
    assert no_partner.status == Status.NOT_NEEDED
    assert no_partner.why == "Not needed: there is no partner or ex-partner"


def test_childrens_services_where_children_are_in_contact() -> None:
    children = Facts(
        partner_or_ex_partner=False, children_in_contact=True, attended_programmes=False
    )
    assert finding(Need.CHILDRENS_SERVICES, children).status == Status.MISSING
    found = finding(Need.CHILDRENS_SERVICES, children, [held(Need.CHILDRENS_SERVICES)])
    assert found.status == Status.PRESENT
    no_children = finding(Need.CHILDRENS_SERVICES, NONE_CALLED_FOR)
    assert no_children.status == Status.NOT_NEEDED
    assert no_children.why == "Not needed: no children are in contact"


def test_not_needed_still_shows_what_is_held() -> None:
    entry = held(Need.PROGRAMMES)
    found = finding(Need.PROGRAMMES, NONE_CALLED_FOR, [entry])
    assert (found.status, found.newest) == (Status.NOT_NEEDED, entry)


# Unknown facts count as needed ------------------------------------------------------------


@pytest.mark.parametrize(
    ("need", "words"),
    [
        (Need.PROGRAMMES, "programmes were attended"),
        (Need.POLICE_DA, "there is a partner or ex-partner"),
        (Need.CHILDRENS_SERVICES, "children are in contact"),
    ],
)
def test_unknown_fact_counts_as_needed(need: Need, words: str) -> None:
    found = finding(need, UNKNOWN)
    assert found.status == Status.MISSING
    assert found.why == (
        f"{need.label}: none has been gathered. It is needed where {words}, "
        "and that is not recorded yet"
    )
    assert finding(need, UNKNOWN, [held(need)]).status == Status.PRESENT


# Freshness ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_ago", "status"),
    [(0, Status.PRESENT), (181, Status.PRESENT), (182, Status.PRESENT), (183, Status.OUT_OF_DATE)],
)
def test_older_than_the_limit_is_out_of_date(days_ago: int, status: Status) -> None:
    found = finding(Need.CUSTODY, NONE_CALLED_FOR, [held(Need.CUSTODY, days_ago)])
    assert found.status == status
    assert found.newest is not None


def test_out_of_date_says_when_and_the_limit() -> None:
    found = finding(Need.INTERVIEW, NONE_CALLED_FOR, [held(Need.INTERVIEW, 200)])
    assert found.why == "The newest was obtained on 8 May 2026, more than 182 days ago"


def test_present_names_the_entry_and_when() -> None:
    found = finding(Need.INTERVIEW, NONE_CALLED_FOR, [held(Need.INTERVIEW, 23, "Interview")])
    assert found.why == "Interview, obtained on 1 November 2026"


def test_the_newest_entry_counts() -> None:
    old, new = held(Need.CUSTODY, 400), held(Need.CUSTODY, 3)
    found = finding(Need.CUSTODY, NONE_CALLED_FOR, [old, new, held(Need.CUSTODY, 300)])
    assert (found.status, found.newest) == (Status.PRESENT, new)


def test_limits_are_by_need() -> None:
    limits = {**LIMITS, Need.CRIMINAL_RECORD: 30}
    entries = [held(Need.CRIMINAL_RECORD, 31), held(Need.INTERVIEW, 31)]
    found = {f.need: f.status for f in check(NONE_CALLED_FOR, entries, TODAY, limits)}
    assert found[Need.CRIMINAL_RECORD] == Status.OUT_OF_DATE
    assert found[Need.INTERVIEW] == Status.PRESENT


def test_a_need_without_a_limit_is_never_out_of_date() -> None:
    found = check(NONE_CALLED_FOR, [held(Need.INTERVIEW, 5000)], TODAY, {})
    assert found[0].status == Status.PRESENT


# Gaps --------------------------------------------------------------------------------------


def test_gaps_are_the_missing_and_the_out_of_date() -> None:
    entries = [held(Need.INTERVIEW), held(Need.CUSTODY, 400), held(Need.CRIMINAL_RECORD)]
    findings = check(ALL_CALLED_FOR, entries, TODAY, LIMITS)
    assert [(f.need, f.status) for f in gaps(findings)] == [
        (Need.CUSTODY, Status.OUT_OF_DATE),
        (Need.PROGRAMMES, Status.MISSING),
        (Need.POLICE_DA, Status.MISSING),
        (Need.CHILDRENS_SERVICES, Status.MISSING),
    ]


def test_no_gaps_when_everything_needed_is_held_and_recent() -> None:
    entries = [held(Need.INTERVIEW), held(Need.CUSTODY), held(Need.CRIMINAL_RECORD)]
    assert gaps(check(NONE_CALLED_FOR, entries, TODAY, LIMITS)) == []


def test_labels() -> None:
    assert [need.label for need in Need] == [
        "Interview with the person",
        "Custody information from the prison",
        "Programme results",
        "Police domestic abuse information",
        "Children's services information",
        "Criminal record",
    ]
