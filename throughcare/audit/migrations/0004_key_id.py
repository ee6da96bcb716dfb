"""Each event names the audit key its hash was made with. The events already written get the
empty key id: their hash stays the plain SHA-256 they were written with (adding the column
rewrites no row, so PostgreSQL's append-only trigger is not involved)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_record_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(blank=True, default="", max_length=32),
        ),
    ]
