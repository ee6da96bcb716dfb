"""`core.rows` prepares a column's values as Django's own field preparation would, on either
database: its shortcuts (plain values, one value for a whole column, SQLite's text for UUIDs,
dates and aware times) give exactly what `get_db_prep_save` gives."""

import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from throughcare.audit.models import AuditEvent
from throughcare.core import rows
from throughcare.people.models import Person, Sentence

LONDON = ZoneInfo("Europe/London")


def _django(field, column):
    return [field.get_db_prep_save(value, connection) for value in column]


@pytest.mark.parametrize(
    ("model", "name", "column"),
    [
        (Person, "id", [uuid.uuid4() for _ in range(5)]),
        (Sentence, "person", [uuid.uuid4(), None, uuid.uuid4()]),
        (Person, "date_of_birth", [date(1980, 1, 31), date(2001, 12, 1), date(1999, 6, 6)]),
        (Person, "release_date", [date(2027, 1, 1), None]),
        (
            Person,
            "created_at",
            # Summer and winter time, and a microsecond part or none.
            [
                datetime(2026, 7, 1, 9, 30, tzinfo=LONDON),
                datetime(2026, 11, 24, 10, 30, 5, 123456, tzinfo=LONDON),
                datetime(2026, 3, 29, 0, 59, tzinfo=ZoneInfo("UTC")) + timedelta(hours=1),
            ],
        ),
        (AuditEvent, "sequence", [1, 2, 3]),
        (Person, "family_name", ["Ng", "O'Neill", ""]),
        (Person, "version", [1, 1, 1]),
    ],
)
def test_a_column_is_prepared_as_django_prepares_it(model, name, column):
    field = model._meta.get_field(name)
    assert rows._prepared(field, column) == _django(field, column)


def test_a_value_the_shortcut_does_not_know_is_left_to_django():
    field = Person._meta.get_field("id")
    as_text = [str(uuid.uuid4()), str(uuid.uuid4())]  # strings, not UUIDs
    assert rows._prepared(field, as_text) == _django(field, as_text)


@pytest.mark.django_db
def test_a_row_is_what_the_model_made_from_keywords_would_write(com):
    data = {"id": uuid.uuid4(), "crn": "X123456", "given_name": "Ann", "family_name": "Lee"}
    data |= {"date_of_birth": date(1990, 5, 1), "sex": "female", "com": com}
    made = rows.values(Person(**data))
    row = rows.row(Person, data)
    stamped = {rows.columns(Person).index(c) for c in ("created_at", "updated_at")}
    assert [v for i, v in enumerate(row) if i not in stamped] == [
        v for i, v in enumerate(made) if i not in stamped
    ]
    assert all(row[i] is not None for i in stamped)
    assert row[rows.columns(Person).index("com_id")] == com.pk
