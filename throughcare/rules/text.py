"""Plain rules about typed text. No Django here."""

from __future__ import annotations

import re
import unicodedata


def without_control_characters(text: str) -> str:
    """Typed text with control characters (NUL and the like, which no name or identifier has)
    taken out, and tabs and line breaks made spaces."""
    text = re.sub(r"[\t\n\r\v\f]", " ", text)
    return "".join(char for char in text if unicodedata.category(char) != "Cc")
