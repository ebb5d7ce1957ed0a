"""The read-replica router (jobdesk/common/db_router.py): the listed read-only pages read from
the ``replica`` database, every write — the access log's INSERT included — and every other page
from the primary; a browser that just wrote reads the primary for a while.

Two SQLite databases: the test database is ``default`` (the primary); ``replica`` is a copy of it
taken during the test (SQLite's backup API), so a row written on the primary afterwards is not on
the replica — which database a page read is visible in what it shows.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connections
from django.urls import reverse

from jobdesk.common import db_router
from tests.matching.factories import make_employer, make_vacancy


@pytest.fixture(scope="module", autouse=True)
def _replica_alias() -> Iterator[Path]:
    """A ``replica`` alias (before pytest-django's database fixtures check the aliases)."""
    if not ON_SQLITE:
        yield Path()
        return
    folder = Path(tempfile.mkdtemp(prefix="jobdesk-replica-"))
    path = folder / "replica.sqlite3"
    sqlite3.connect(path).close()
    settings_dict = dict(connections["default"].settings_dict)
    settings_dict |= {"NAME": str(path), "TEST": {"NAME": str(path), "MIRROR": None}}
    connections.settings["replica"] = settings_dict
    try:
        yield path
    finally:
        connections["replica"].close()
        del connections.settings["replica"]
        del connections["replica"]
        shutil.rmtree(folder, ignore_errors=True)


def _copy_primary_to_replica(path: Path) -> None:
    primary = connections["default"]
    primary.ensure_connection()
    connections["replica"].close()
    target = sqlite3.connect(path)
    try:
        primary.connection.backup(target)
    finally:
        target.close()


ON_SQLITE = "sqlite" in settings.DATABASES["default"]["ENGINE"]
pytestmark = [
    # The replica is a copy made with SQLite's backup API; on PostgreSQL the module does not run
    # (no alias is made: a SQLite file named as a PostgreSQL database breaks the teardown).
    pytest.mark.skipif(not ON_SQLITE, reason="the replica copy is made with SQLite's backup API"),
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]


@pytest.fixture
def world(personas: dict[str, Any], reference_data: None, _replica_alias: Path) -> dict[str, Any]:
    employer = make_employer(personas["oscar"])
    on_both = make_vacancy(personas["oscar"], employer, title="複本也有的倉儲理貨員")
    _copy_primary_to_replica(_replica_alias)
    only_primary = make_vacancy(personas["oscar"], employer, title="只在主資料庫的包裝員")
    return {"on_both": on_both, "only_primary": only_primary, "employer": employer}


def test_a_listed_page_reads_the_replica_and_the_others_the_primary(client, personas, world):
    client.force_login(personas["alice"])
    listed = client.get(reverse("employers:vacancy_list"))
    assert listed.status_code == 200
    text = listed.content.decode()
    assert "複本也有的倉儲理貨員" in text
    assert "只在主資料庫的包裝員" not in text  # the replica is behind: it read the replica
    # a page not listed (the vacancy itself) reads the primary
    detail = client.get(reverse("employers:vacancy_detail", args=[world["only_primary"].public_id]))
    assert detail.status_code == 200
    assert "只在主資料庫的包裝員" in detail.content.decode()


def test_after_a_write_the_browser_reads_the_primary(client, personas, world):
    client.force_login(personas["alice"])
    before = client.get(reverse("employers:vacancy_list")).content.decode()
    assert "只在主資料庫的包裝員" not in before
    client.post(reverse("accounts:logout"))  # any POST
    assert db_router.PIN_COOKIE in client.cookies
    client.force_login(personas["alice"])
    text = client.get(reverse("employers:vacancy_list")).content.decode()
    assert "只在主資料庫的包裝員" in text


def test_writes_go_to_the_primary_even_while_reading_the_replica(personas, world):
    from jobdesk.audit.models import AccessEvent
    from jobdesk.audit.services import record_access
    from jobdesk.employers.models import Vacancy

    with db_router.reading_from_replica():
        seen = Vacancy.objects.get(pk=world["on_both"].pk)
        assert seen._state.db == "replica"
        assert not Vacancy.objects.filter(pk=world["only_primary"].pk).exists()
        event = record_access(actor=personas["alice"], subject=seen, what="職缺")
    assert AccessEvent.objects.using("default").filter(pk=event.pk).exists()
    assert not AccessEvent.objects.using("replica").filter(pk=event.pk).exists()
    # outside the block, and inside a transaction on the primary, reads go to the primary
    assert Vacancy.objects.filter(pk=world["only_primary"].pk).exists()
    from django.db import transaction

    with db_router.reading_from_replica(), transaction.atomic():
        assert Vacancy.objects.filter(pk=world["only_primary"].pk).exists()


def test_no_replica_configured_changes_nothing():
    router = db_router.ReplicaRouter()
    saved = connections.settings.pop("replica")
    try:
        with db_router.reading_from_replica():
            assert router.db_for_read(None) == "default"
    finally:
        connections.settings["replica"] = saved
    assert router.allow_migrate("replica", "cases") is False
    assert router.db_for_write(None) == "default"
