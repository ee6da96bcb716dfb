"""Pure rules shared by several apps: plain Python that takes values and returns values.

Nothing here imports Django or reads the clock (the caller passes today's date); the
import-linter contract "pure rules import nothing from Django" in pyproject.toml keeps it so.
"""
