"""Import files at their limits: NUL in cells, files too large to read, previews kept, expiry.

Issue 10, items 4, 5, 7 and 11: a cell ``A\\x00`` made every preview answer 500 on PostgreSQL; an
.xlsx of 358 KB that unpacks to a million rows tied a worker up on every view of its preview;
rejected uploads kept their bytes forever.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from jobdesk.employers.importing import readers
from jobdesk.employers.models import ImportBatch, ImportStatus, Vacancy
from jobdesk.employers.services import (
    commit_import_batch,
    expire_import_batches,
    stage_import,
)
from tests.employers.test_import import _template_bytes, _template_row

pytestmark = pytest.mark.django_db

HEADER = "hire_id,title,company,location,salary_min,salary_max,description\n"


@pytest.fixture
def a(reference_data, personas, offices):
    return {"actor": personas["oscar"], "office": offices["a"]}


def test_a_nul_in_a_cell_is_dropped_and_the_row_imports(a, client_for, personas):
    content = (
        HEADER + "9001,倉管\x00人員,大安\x00商行,台北市大安區,30000,34000,搬貨\x00\n"
    ).encode()
    batch = stage_import("ads.csv", content, **a)
    page = client_for(personas["oscar"]).get(
        reverse("employers:import_preview", args=[batch.public_id])
    )
    assert page.status_code == 200
    assert "倉管人員" in page.content.decode()
    result = commit_import_batch(batch, actor=a["actor"])
    assert result.created == 1
    vacancy = Vacancy.objects.get()
    assert vacancy.title == "倉管人員"
    assert "\x00" not in vacancy.description
    assert vacancy.employer.name == "大安商行"


def test_control_characters_are_removed_but_tabs_and_newlines_kept():
    assert readers.clean_text("a\x00b\x07c\td\ne\r") == "abc\td\ne\r"


@override_settings(JOBDESK_IMPORT_MAX_ROWS=50)
def test_too_many_rows_are_refused_without_reading_them_all(a):
    content = HEADER + "".join(f"{i},職缺{i},公司,台北市大安區,30000,,x\n" for i in range(51))
    batch = stage_import("ads.csv", content.encode(), **a)
    assert batch.status == ImportStatus.REJECTED
    assert bytes(batch.content) == b""  # a file that cannot be imported is not kept
    assert "50 列" in batch.result["preview"]["file_error"]


def _with_declared_rows(content: bytes, rows: int) -> bytes:
    """The same workbook whose sheet says it has ``rows`` rows (as a zip bomb's would)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="A1:T{rows}"'.encode(), data
                )
            target.writestr(info, data)
    return out.getvalue()


def test_an_xlsx_declaring_a_million_rows_is_refused_before_reading(a):
    content = _with_declared_rows(_template_bytes([_template_row("A-1")]), 1_000_001)
    with pytest.raises(readers.FileFormatError, match="列資料"):
        readers.read_xlsx(content)


def test_an_xlsx_that_unpacks_too_large_is_refused(a, monkeypatch):
    content = _template_bytes([_template_row("A-1")])
    monkeypatch.setattr(readers, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(readers.FileFormatError, match="解壓縮後超過"):
        readers.read_xlsx(content)


def test_the_preview_is_read_once_and_paginated(a, client_for, personas, monkeypatch):
    content = HEADER + "".join(f"{i},職缺{i:03d},公司,台北市大安區,30000,,x\n" for i in range(150))
    batch = stage_import("ads.csv", content.encode(), **a)

    def no_second_read(*args, **kwargs):
        raise AssertionError("the preview page read the file again")

    monkeypatch.setattr("jobdesk.employers.services.imports.read_file", no_second_read)
    client = client_for(personas["oscar"])
    url = reverse("employers:import_preview", args=[batch.public_id])
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert "職缺000" in first
    assert "職缺149" not in first
    assert "職缺149" in second
    assert "共 150 筆" in second
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEWED  # looking changed nothing


@override_settings(JOBDESK_IMPORT_STAGE_HOURS=24)
def test_staged_files_lose_their_bytes_after_the_stage_period(a):
    content = _template_bytes([_template_row("A-1"), _template_row("A-2", occupation="12")])
    old = stage_import("t.xlsx", content, **a)
    fresh = stage_import("t.xlsx", content, **a)
    ImportBatch.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=25)
    )
    assert expire_import_batches() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, bytes(old.content)) == (ImportStatus.EXPIRED, b"")
    assert fresh.status == ImportStatus.PREVIEWED
    assert bytes(fresh.content)
    with pytest.raises(Exception, match="已經處理過"):
        commit_import_batch(old, actor=a["actor"])
