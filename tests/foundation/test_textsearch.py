"""The term index of search_text columns exists after all migrations (on SQLite, FTS5 triggers
that a later table rebuild would drop: this test then fails) and follows the rows it indexes."""

from __future__ import annotations

import pytest
from django.db import connection

from jobdesk.cases.models import JobSeeker
from jobdesk.common.textsearch import (
    INDEXED_TABLES,
    rebuild_term_index,
    sqlite_term_triggers,
    terms_match,
)
from tests.cases.factories import make_seeker

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("table", INDEXED_TABLES)
def test_every_indexed_table_has_its_term_index(table):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [f"{table}_terms"])
            assert cursor.fetchone() is not None
        else:
            names = sqlite_term_triggers(table)
            assert {f"{table}_terms_ai", f"{table}_terms_ad", f"{table}_terms_au"} <= names


def test_the_index_follows_inserts_updates_and_deletes(personas, reference_data):
    # given
    seeker = make_seeker(personas["alice"], name="蔡依林")

    def found(term: str) -> bool:
        return JobSeeker.objects.filter(terms_match(JobSeeker, [term]), pk=seeker.pk).exists()

    assert found("依林")
    # when: the column changes, then the row goes
    JobSeeker.objects.filter(pk=seeker.pk).update(search_text="蔡 蔡依")
    assert not found("依林")
    assert found("蔡依")
    JobSeeker.objects.filter(pk=seeker.pk).delete()
    # then
    assert not found("蔡依")


def test_rebuild_restores_the_index(personas, reference_data):
    seeker = make_seeker(personas["alice"], name="周星馳")
    rebuild_term_index("cases_jobseeker")
    assert JobSeeker.objects.filter(terms_match(JobSeeker, ["星馳"]), pk=seeker.pk).exists()


def test_a_term_match_inside_a_subquery_tests_the_inner_row(personas, reference_data):
    """The inner table of ``pk__in=qs.values("pk")[:n]`` has an alias of its own (``V0``): the
    condition must test that row, not the outer one (a raw SQL naming the table did, and the
    vacancy list's page, cut in a subquery, then listed the wrong vacancies)."""
    found = make_seeker(personas["alice"], name="周星馳")
    other = make_seeker(personas["alice"], name="王小明")
    assert other.pk > found.pk
    inner = JobSeeker.objects.filter(terms_match(JobSeeker, ["星馳"])).order_by("-pk")
    assert list(inner.values_list("pk", flat=True)) == [found.pk]
    outer = JobSeeker.objects.filter(pk__in=inner.values("pk")[:1])
    assert list(outer.values_list("pk", flat=True)) == [found.pk]
    assert not JobSeeker.objects.filter(pk__in=inner.values("pk")[1:2]).exists()
