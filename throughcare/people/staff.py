"""What the person's services need to know of a member of staff.

Accounts are the access app's (`settings.AUTH_USER_MODEL`, `throughcare.access.models.User`),
which sits above this app: the person's record refers to them by foreign key, and its services
take any object that has a key and a role.
"""

from __future__ import annotations

from typing import Any, Protocol


class Staff(Protocol):
    """A signed-in member of staff: an `access.models.User`."""

    @property
    def pk(self) -> Any: ...

    @property
    def role(self) -> str: ...
