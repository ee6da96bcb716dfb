"""A person's other names in one column of the person, for name search (docs/operations.md,
"Search"): filled here from the aliases already recorded, kept in step by the services since; a
trigram index on it on PostgreSQL, nothing on SQLite."""

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.db import migrations, models

from throughcare.core.migration_operations import AddBlankTextField, AddIndexOnPostgreSQL
from throughcare.people.rules import other_names

BATCH = 1_000


def fill_other_names(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Each person with aliases: their other names as people.rules.other_names writes them,
    oldest first. A derived copy of audited rows: not audited again."""
    alias_model = apps.get_model("people", "Alias")
    person_model = apps.get_model("people", "Person")
    names: dict[object, list[tuple[str, str]]] = {}
    for person_id, given, family in (
        alias_model.objects.order_by("person_id", "pk")
        .values_list("person_id", "given_name", "family_name")
        .iterator(chunk_size=BATCH)
    ):
        names.setdefault(person_id, []).append((given, family))
    people = [person_model(pk=pk, other_names=other_names(each)) for pk, each in names.items()]
    # A plain queryset, whatever manager the historical model is given.
    models.QuerySet(person_model).bulk_update(people, ["other_names"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_victim_places"),
    ]

    operations = [
        AddBlankTextField(
            model_name="person",
            name="other_names",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_other_names, migrations.RunPython.noop, elidable=True),
        AddIndexOnPostgreSQL(
            model_name="person",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(
                    django.db.models.functions.text.Upper("other_names"), name="gin_trgm_ops"
                ),
                name="person_other_trgm",
            ),
        ),
    ]
