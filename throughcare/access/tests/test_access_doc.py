"""docs/access.md holds the policy's tables: this fails when the document and policy.py differ."""

from pathlib import Path

from django.conf import settings

from throughcare.access import policy, referral_grant, request_grant
from throughcare.access.models import Role

DOC = Path(settings.BASE_DIR) / "docs" / "access.md"


def _tables() -> list[list[list[str]]]:
    """Every markdown table in the document, as rows of cells (separator rows dropped)."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in DOC.read_text().splitlines():
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if not all(set(cell) <= {"-", ":"} for cell in cells):
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def _table_starting(first_header: str, second_header: str) -> list[list[str]]:
    matches = [t for t in _tables() if t[0][:2] == [first_header, second_header]]
    assert len(matches) == 1, f"expected one table headed {first_header} | {second_header}"
    return matches[0]


def _as_grid(table: list[list[str]]) -> dict[tuple[str, str], bool]:
    header, *rows = table
    grid = {}
    for row in rows:
        assert len(row) == len(header), row
        for column, cell in zip(header[1:], row[1:], strict=True):
            assert cell in ("yes", "no"), (row[0], column, cell)
            grid[(row[0], column)] = cell == "yes"
    return grid


def test_person_actions_table_matches_the_policy() -> None:
    relations = [r for r in policy.Relation if r != policy.Relation.NONE]
    expected = {
        (action.value, relation.value): relation in policy.PERSON_RULES[action]
        for action in policy.Action
        for relation in relations
    }
    table = _table_starting("action", policy.Relation.EXCLUDED.value)
    assert _as_grid(table) == expected


def test_role_actions_table_matches_the_policy() -> None:
    expected = {
        (action.value, role.label): role in policy.USER_RULES[action]
        for action in policy.UserAction
        for role in Role
    }
    table = _table_starting("action", Role.POM.label)
    assert _as_grid(table) == expected


def test_every_relation_is_described() -> None:
    described = {row[0] for row in _table_starting("relation", "who")[1:]}
    assert described == {r.value for r in policy.Relation if r != policy.Relation.NONE}


def test_search_table_matches_the_policy() -> None:
    relations = [r for r in policy.Relation if r != policy.Relation.NONE]
    expected = {}
    for fact, (allowed, section) in policy.SEARCH_RULES.items():
        for relation in relations:
            cell = "yes" if relation in allowed else "no"
            if cell == "yes" and section and relation == policy.Relation.PARTNER_WITH_AGREEMENT:
                cell = f"if {section} shared"
            expected[(fact.value, relation.value)] = cell
    header, *rows = _table_starting("search shows and finds by", policy.Relation.EXCLUDED.value)
    grid = {}
    for row in rows:
        assert len(row) == len(header), row
        for column, cell in zip(header[1:], row[1:], strict=True):
            grid[(row[0], column)] = cell
    assert grid == expected


def test_request_grant_table_matches_the_policy() -> None:
    relations = list(request_grant.RequestRelation)
    expected = {
        (action.value, relation.value): relation in request_grant.REQUEST_RULES[action]
        for action in request_grant.RequestAction
        for relation in relations
    }
    table = _table_starting("request action", relations[0].value)
    assert _as_grid(table) == expected


def test_referral_grant_table_matches_the_policy() -> None:
    relations = list(referral_grant.ReferralRelation)
    expected = {
        (action.value, relation.value): relation in referral_grant.REFERRAL_RULES[action]
        for action in referral_grant.ReferralAction
        for relation in relations
    }
    table = _table_starting("referral action", relations[0].value)
    assert _as_grid(table) == expected
