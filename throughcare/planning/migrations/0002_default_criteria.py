"""The three default decision criteria (issue 11 point 5); an administrator may change their
wording, order, or switch them off."""

from django.db import migrations

DEFAULTS = [
    ("Somewhere to live confirmed for the night of release", "accommodation on release", 10),
    (
        "Risk management plan countersigned when risk of serious harm is high",
        "plan countersigned when high",
        20,
    ),
    ("Victim liaison consulted where there is a victim", "victim liaison consulted", 30),
]


def add(apps, schema_editor):  # type: ignore[no-untyped-def]
    criterion = apps.get_model("planning", "DecisionCriterion")
    for title, rule, position in DEFAULTS:
        criterion.objects.get_or_create(rule=rule, defaults={"title": title, "position": position})


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    criterion = apps.get_model("planning", "DecisionCriterion")
    criterion.objects.filter(rule__in=[rule for _, rule, _ in DEFAULTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
