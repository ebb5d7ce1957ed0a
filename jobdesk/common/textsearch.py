"""The bigram index of a ``search_text`` column, on PostgreSQL and on SQLite.

A model that can be searched keeps its terms (``jobdesk.domain.textsearch``: character bigrams,
space-separated) in a ``search_text`` column written by the service functions that write the row.
The database indexes that column:

- PostgreSQL: a GIN index on ``string_to_array(search_text, ' ')``; a query is
  ``string_to_array(search_text, ' ') @> ARRAY[terms]`` (every term present).
- SQLite: an FTS5 table over the column (external content, kept in step by triggers on the
  table); a query is ``id IN (SELECT rowid FROM <table>_terms WHERE <table>_terms MATCH …)``.

``CreateTermIndex`` is the migration operation that builds either; ``terms_match`` the filter.
SQLite drops a table's triggers when Django rebuilds the table (an ``AlterField`` there):
``tests/foundation/test_textsearch.py`` fails if a later migration loses them, and
``rebuild_term_index`` (``jobdesk rebuild-search``) puts them back.
"""

# ruff: noqa: S608 -- the SQL is built from model table names (code, not input); the terms
# a user typed are always query parameters.
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connections
from django.db.migrations.operations.base import Operation
from django.db.models import BooleanField, F
from django.db.models.expressions import Expression

INDEXED_TABLES = ("cases_jobseeker", "employers_vacancy")


def _sqlite_statements(table: str) -> list[str]:
    fts = f"{table}_terms"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(search_text, content='{table}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text);"
        " END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF search_text ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text);"
        f" INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def _sqlite_drop(table: str) -> list[str]:
    fts = f"{table}_terms"
    return [f"DROP TRIGGER IF EXISTS {fts}_{s}" for s in ("ai", "ad", "au")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


def create_statements(table: str, vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            f"CREATE INDEX IF NOT EXISTS {table}_terms ON {table} "
            "USING gin (string_to_array(search_text, ' '))"
        ]
    if vendor == "sqlite":
        return _sqlite_statements(table)
    raise NotImplementedError(f"no term index for {vendor}")


def drop_statements(table: str, vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [f"DROP INDEX IF EXISTS {table}_terms"]
    return _sqlite_drop(table)


class CreateTermIndex(Operation):
    """Migration operation: the term index of ``table.search_text`` for the database in use."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, table: str) -> None:
        self.table = table

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__qualname__, [self.table], {})

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass  # the index is not part of the model state

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        for sql in create_statements(self.table, schema_editor.connection.vendor):
            schema_editor.execute(sql)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        for sql in drop_statements(self.table, schema_editor.connection.vendor):
            schema_editor.execute(sql)

    def describe(self) -> str:
        return f"Create the bigram term index of {self.table}.search_text"


class TermsMatch(Expression):
    """The row's ``search_text`` holds every one of ``terms`` (a boolean expression).

    Its columns are compiled as Django columns, so they carry the alias the query gives the
    table: inside a subquery (``pk__in=qs.values("pk")[:25]``, where the inner table is
    ``V0``) it tests the inner row, not the outer one. The SQL is chosen for the connection that
    runs the query (a replica included)."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, model: Any, terms: Sequence[str]) -> None:
        super().__init__(output_field=BooleanField())
        self.model = model
        self.terms = list(terms)
        self.column: Any = F("search_text")
        self.key: Any = F("pk")

    def get_source_expressions(self) -> list[Any]:
        return [self.column, self.key]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.column, self.key = exprs

    def resolve_expression(self, *args: Any, **kwargs: Any) -> TermsMatch:
        c: TermsMatch = super().resolve_expression(*args, **kwargs)
        c.column = self.column.resolve_expression(*args, **kwargs)
        c.key = self.key.resolve_expression(*args, **kwargs)
        return c

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        if connection.vendor == "postgresql":
            column, params = compiler.compile(self.column)
            return f"string_to_array({column}, ' ') @> %s::text[]", [*params, self.terms]
        key, params = compiler.compile(self.key)
        fts = connection.ops.quote_name(f"{self.model._meta.db_table}_terms")
        match = " ".join('"' + t.replace('"', "") + '"' for t in self.terms)
        return f"{key} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)", [*params, match]


def terms_match(model: Any, terms: Sequence[str]) -> TermsMatch:
    """A boolean expression: the row's ``search_text`` holds every one of ``terms``."""
    return TermsMatch(model, terms)


def rebuild_term_index(table: str, *, using: str = "default") -> None:
    """Re-create a table's term index (SQLite: the FTS table's triggers and contents)."""
    conn = connections[using]
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [f"{table}_terms"])
            if cursor.fetchone() is not None:
                return  # PostgreSQL maintains the index itself
        else:
            for sql in _sqlite_drop(table)[:3]:
                cursor.execute(sql)
        for sql in create_statements(table, conn.vendor):
            cursor.execute(sql)


def sqlite_term_triggers(table: str, *, using: str = "default") -> set[str]:
    """The names of the term-index triggers SQLite has on ``table`` (for the check and tests)."""
    conn = connections[using]
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
        )
        return {row[0] for row in cursor.fetchall()}
