"""Reads of the read-only pages from a replica; every write, and every other read, from the
primary (docs/scaling.md).

``DATABASE_REPLICA_URL`` adds a ``replica`` database (a streaming replica of the primary: same
schema, same rows, a little behind). ``ReplicaPagesMiddleware`` marks a GET or HEAD request to a
page listed in ``JOBDESK_REPLICA_PAGES`` (URL names, ``namespace:*`` for a whole app); for the
length of that request ``ReplicaRouter`` sends its reads to the replica, except inside a
transaction on the primary (a read that decides a write reads the primary). Writes — the access
log's INSERT included — always go to the primary. After a user's POST, PUT, PATCH or DELETE the
middleware sets a short-lived cookie (``JOBDESK_REPLICA_PIN_SECONDS``) under which that browser's
pages read the primary, so what was just saved shows on the next page even when the replica lags.
Without ``DATABASE_REPLICA_URL`` the router changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PIN_COOKIE = "jobdesk_primary"
_replica_reads: ContextVar[bool] = ContextVar("jobdesk_replica_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in connections.settings


@contextmanager
def reading_from_replica() -> Iterator[None]:
    """Reads in the block go to the replica (when there is one): the middleware uses it for the
    listed pages; a report task may use it too."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if (
            _replica_reads.get()
            and replica_configured()
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        dbs = {DEFAULT_DB_ALIAS, REPLICA}
        if obj1._state.db in dbs and obj2._state.db in dbs:
            return True  # the same rows: a replica's object may refer to a primary's
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == REPLICA else None  # the replica follows the primary's schema


def _listed(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match is None:
        return False
    pages = settings.JOBDESK_REPLICA_PAGES
    return match.view_name in pages or f"{match.namespace}:*" in pages


class ReplicaPagesMiddleware:
    """Sends the reads of the listed read-only pages to the replica (see the module): from the
    view on (sessions and the user were read from the primary) until the response is rendered."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        finally:
            token = request.__dict__.pop("_jobdesk_replica_token", None)
            if token is not None:
                _replica_reads.reset(token)
        if request.method not in {"GET", "HEAD", "OPTIONS", "TRACE"} and replica_configured():
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.JOBDESK_REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., HttpResponse], args: Any, kwargs: Any
    ) -> None:
        if (
            request.method in {"GET", "HEAD"}
            and replica_configured()
            and PIN_COOKIE not in request.COOKIES
            and _listed(request)
        ):
            request.__dict__["_jobdesk_replica_token"] = _replica_reads.set(True)
