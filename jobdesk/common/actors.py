"""Who does a change, for the layers below accounts (audit, common), which may not import it.

Above them services take ``actor: User`` (``jobdesk.accounts.models.User``). The foundation
sees the acting account only through ``Actor``, which ``User`` satisfies; work done with no
account (a background task, the system) passes ``None``.
"""

from __future__ import annotations

from typing import Any, Protocol


class Actor(Protocol):
    """What the foundation reads of the acting account."""

    @property
    def pk(self) -> Any: ...

    @property
    def username(self) -> str: ...

    @property
    def role(self) -> str: ...

    @property
    def office_id(self) -> int | None: ...
