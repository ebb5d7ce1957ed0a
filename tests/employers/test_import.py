"""Importing vacancies: 台灣就業通 XML/JSON, the ads CSV, the template; edge cases."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from openpyxl import load_workbook

from jobdesk.employers.models import Employer, ImportStatus, Vacancy, VacancySource
from jobdesk.employers.services import (
    commit_import_batch,
    import_file,
    preview_file,
    stage_import,
)
from jobdesk.employers.template import template_workbook

pytestmark = pytest.mark.django_db

ADS = settings.JOBDESK_SHARED_DIR / "data/ads/taiwanjobs_ads_sample_1040.csv"


def _xml(*records: dict[str, str]) -> bytes:
    body = "".join(
        "<Data>" + "".join(f"<{k}>{v}</{k}>" for k, v in r.items()) + "</Data>" for r in records
    )
    return f'<?xml version="1.0" encoding="utf-8"?><DataList>{body}</DataList>'.encode()


def _record(hire_id: str = "1001", **extra: str) -> dict[str, str]:
    record = {
        "OCCU_DESC": "門市人員",
        "WK_TYPE": "全職",
        "CJOB_NAME1": "門市／店員",
        "JOB_PERSON": "2",
        "STOP_DATE": "115/03/31",
        "JOB_DETAIL": "商品陳列、收銀結帳。",
        "CITYNAME": "台北市大安區",
        "EXPERIENCE": "1年以上",
        "WKTIME": "日班、輪班",
        "SALARYCD": "月薪",
        "NT_L": "30000",
        "NT_U": "34000",
        "EDGRDESC": "高中職",
        "URL_QUERY": f"EMPLOYER_ID=1&amp;HIRE_ID={hire_id}",
        "COMPNAME": "大安商行",
        "TRANDATE": "2026/02/01",
    }
    record.update(extra)
    return record


@pytest.fixture
def a(reference_data, personas, offices):
    return {"actor": personas["oscar"], "office": offices["a"]}


def test_taiwanjobs_xml_is_mapped(a):
    # when
    result = import_file("feed.xml", _xml(_record()), **a)
    # then
    assert (result.format, result.created, result.rejected) == ("taiwanjobs", 1, 0)
    v = Vacancy.objects.get()
    assert (v.source, v.source_id) == (VacancySource.TAIWANJOBS, "1001")
    assert v.township is not None
    assert v.township.full_name == "臺北市大安區"
    assert (v.county, v.pay_basis, v.pay_min, v.pay_max) == ("臺北市", "monthly", 30000, 34000)
    assert v.shifts == ["day", "rotating"]
    assert v.education is not None
    assert v.education.code == "senior_high"
    assert (v.experience_years, v.headcount) == (1, 2)
    assert str(v.closes_on) == "2026-03-31"
    assert str(v.opens_on) == "2026-02-01"
    assert v.employer.name == "大安商行"
    assert len(v.occupation_suggestions) >= 1
    assert not v.occupation_confirmed
    assert v.occupation is not None
    assert v.occupation.code == v.occupation_suggestions[0]["code"]


def test_reimport_updates_and_never_duplicates(a):
    import_file("feed.xml", _xml(_record()), **a)
    result = import_file("feed.xml", _xml(_record(NT_L="31000")), **a)
    assert (result.created, result.updated) == (0, 1)
    assert Vacancy.objects.get().pay_min == 31000
    assert Employer.objects.count() == 1


def test_json_equivalent(a):
    import json

    payload = json.dumps({"DataList": {"Data": [_record("7")]}}, ensure_ascii=False).encode()
    result = import_file("feed.json", payload.replace(b"&amp;", b"&"), **a)
    assert (result.format, result.created) == ("taiwanjobs", 1)


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ({"SALARYCD": "X9"}, "薪資方式"),
        ({"CITYNAME": "火星市"}, "工作地點"),
        ({"URL_QUERY": "EMPLOYER_ID=1"}, "HIRE_ID"),
        ({"STOP_DATE": "明年"}, "截止日期"),
        ({"EDGRDESC": "幼稚園"}, "學歷"),
        ({"NT_L": "50000", "NT_U": "30000"}, "高於上限"),
        ({"COMPNAME": ""}, "雇主名稱"),
    ],
)
def test_bad_rows_are_rejected_with_a_reason(a, extra, reason):
    result = import_file("feed.xml", _xml(_record(), _record("1002", **extra)), **a)
    assert (result.created, result.rejected) == (1, 1)
    assert reason in " ".join(result.rejected_rows[0].errors)
    assert result.rejected_rows[0].line == 2


def test_missing_pay_is_negotiable_and_flagged(a):
    import_file("feed.xml", _xml(_record(SALARYCD="", NT_L="0", NT_U="0")), **a)
    v = Vacancy.objects.get()
    assert (v.pay_basis, v.pay_min, v.pay_max) == ("negotiable", None, None)
    assert v.findings.filter(ground="pay_undisclosed").exists()


def test_hourly_wage_labelled_monthly_is_corrected(a):
    import_file("feed.xml", _xml(_record(NT_L="196", NT_U="0")), **a)
    assert Vacancy.objects.get().pay_basis == "hourly"


def test_county_only_place(a):
    import_file("feed.xml", _xml(_record(CITYNAME="台北市不限")), **a)
    v = Vacancy.objects.get()
    assert (v.county, v.township) == ("臺北市", None)


def test_duplicate_ids_within_a_file(a):
    result = import_file("feed.xml", _xml(_record(), _record()), **a)
    assert (result.created, result.rejected) == (1, 1)
    assert "重複" in result.rejected_rows[0].errors[0]


def test_malformed_xml_reports_the_file_error(a):
    result = import_file("feed.xml", b"<DataList><Data><OCCU_DESC>x</Data>", **a)
    assert "XML" in result.file_error
    assert not Vacancy.objects.exists()


def test_xml_entities_are_refused(a):
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "boom">]>'
        b"<DataList><Data><OCCU_DESC>&e;</OCCU_DESC></Data></DataList>"
    )
    result = import_file("feed.xml", evil, **a)
    assert result.file_error
    assert not Vacancy.objects.exists()


def test_unknown_layout(a):
    result = import_file("x.csv", b"foo,bar\n1,2\n", **a)
    assert "無法辨識檔案格式" in result.file_error


def _template_bytes(rows: list[list[object]]) -> bytes:
    workbook = template_workbook()
    sheet = workbook["職缺"]
    sheet.delete_rows(2)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _template_row(source_id: str, occupation: str = "5220", shifts: str = "日班") -> list[object]:
    return [
        source_id,
        "範例股份有限公司",
        "04595257",
        "門市人員",
        "收銀結帳",
        occupation,
        1,
        "臺北市中山區",
        "月薪",
        30000,
        34000,
        "09-18",
        shifts,
        "高中",
        0,
        "",
        "",
        "",
        "2026-02-01",
        "2026-03-31",
    ]


def test_excel_template_round_trip(a):
    # given: the downloadable template with its example row
    workbook = load_workbook(io.BytesIO(_template_bytes([_template_row("A-1")])))
    assert workbook["職缺"].max_row == 2
    # when
    result = import_file("t.xlsx", _template_bytes([_template_row("A-1")]), **a)
    # then
    assert (result.format, result.created, result.rejected) == ("template", 1, 0)
    v = Vacancy.objects.get()
    assert v.occupation_id == "5220"
    assert v.occupation_confirmed
    assert v.employer.ubn == "04595257"
    assert v.source == VacancySource.FILE


def test_template_bad_codes(a):
    content = _template_bytes([_template_row("A-1", occupation="9999", shifts="午班")])
    result = import_file("t.xlsx", content, **a)
    errors = " ".join(result.rejected_rows[0].errors)
    assert "職業代碼「9999」" in errors
    assert "班別" in errors


def test_ui_commit_is_all_or_nothing(a):
    # given: one good row and one bad row
    content = _template_bytes([_template_row("A-1"), _template_row("A-2", occupation="12")])
    batch = stage_import("t.xlsx", content, **a)
    preview = preview_file(batch.filename, bytes(batch.content))
    assert (preview.created, preview.rejected) == (1, 1)
    # when
    result = commit_import_batch(batch, actor=a["actor"])
    # then
    assert result.rejected == 1
    assert not Vacancy.objects.exists()
    assert not Employer.objects.exists()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEWED


def test_ui_commit_of_a_clean_file(a):
    batch = stage_import("t.xlsx", _template_bytes([_template_row("A-1")]), **a)
    result = commit_import_batch(batch, actor=a["actor"])
    assert result.created == 1
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED


@pytest.mark.skipif(not ADS.is_file(), reason=f"共享職缺樣本不存在：{ADS}")
def test_the_1040_real_ads_import_cleanly_and_reimport_updates(a):
    content = ADS.read_bytes()
    first = import_file(ADS.name, content, **a)
    assert (first.format, first.created, first.rejected) == ("ads_csv", 1040, 0)
    second = import_file(ADS.name, content, **a)
    assert (second.created, second.updated, second.rejected) == (0, 1040, 0)
    assert Vacancy.objects.count() == 1040
    assert Vacancy.objects.filter(pay_basis="hourly").count() > 200  # "196 元/月 起" quirk
    assert Vacancy.objects.filter(county="臺北市", township__isnull=True).exists()
