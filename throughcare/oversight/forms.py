"""The audit export form: the days whose events to export."""

from __future__ import annotations

import datetime
from typing import Any

from throughcare.ui.forms import BaseForm, DateField


class ExportForm(BaseForm):
    first_day = DateField(label="From", help_text="For example, 1 11 2026")
    last_day = DateField(
        label="To",
        help_text="For example, 30 11 2026. Events on this day are included. Days are UK time.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first: datetime.date | None = data.get("first_day")
        last: datetime.date | None = data.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", "The ‘To’ date must be the same as or after the ‘From’ date")
        return data
