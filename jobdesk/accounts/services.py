"""Changes of state for offices and accounts, each audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from jobdesk.accounts.models import Office, User
from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event, snapshot
from jobdesk.common.scoping import office_subtree


def record_password_change(user: Any) -> None:
    record_event(Event.ACCOUNTS_PASSWORD_CHANGED, actor=user, subject=user, office=user.office)


@transaction.atomic
def unlock_user(user: User, *, actor: User) -> None:
    before = snapshot(user, ["failed_login_count", "locked_until"])
    user.failed_login_count = 0
    user.locked_until = None
    user.save(update_fields=["failed_login_count", "locked_until"])
    record_event(
        Event.ACCOUNTS_USER_UNLOCKED,
        actor=actor,
        subject=user,
        office=user.office,
        before=before,
        after=snapshot(user, ["failed_login_count", "locked_until"]),
    )


def offices_within(office: Office) -> Any:
    """The office and every office below it."""
    return office_subtree(office)
