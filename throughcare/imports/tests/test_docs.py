"""docs/import.md and its sample file say what the import reads."""

from pathlib import Path

from django.conf import settings

from throughcare.imports import columns, reading

DOCS = Path(settings.BASE_DIR) / "docs"


def test_the_sample_file_has_only_columns_the_import_reads() -> None:
    header = (DOCS / "import-sample.csv").read_text().splitlines()[0].split(",")
    assert reading.header_problems(header) == []


def test_the_guide_names_every_column() -> None:
    guide = (DOCS / "import.md").read_text()
    missing = [name for name in columns.COLUMNS if f"`{name}`" not in guide]
    assert missing == []
