"""``jobdesk import-vacancies`` and ``jobdesk check-ads``."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from jobdesk.employers.models import Vacancy

pytestmark = pytest.mark.django_db


def test_import_vacancies_reports_rejections(reference_data, personas, offices, tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(
        "<DataList><Data><OCCU_DESC>店員</OCCU_DESC><COMPNAME>甲</COMPNAME>"
        "<CITYNAME>台北市中山區</CITYNAME><URL_QUERY>HIRE_ID=5</URL_QUERY></Data>"
        "<Data><OCCU_DESC>店員</OCCU_DESC><COMPNAME>乙</COMPNAME>"
        "<CITYNAME>無此地</CITYNAME><URL_QUERY>HIRE_ID=6</URL_QUERY></Data></DataList>",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("import_vacancies", str(path), "--office", "NB-SC", stdout=out)
    text = out.getvalue()
    assert "新增 1 筆" in text
    assert "未匯入 1 筆" in text
    assert "第 2 列（6）" in text
    assert Vacancy.objects.get().source_id == "5"


def test_check_ads_wraps_the_stream_checker(tmp_path):
    path = tmp_path / "ads.jsonl"
    path.write_text(json.dumps({"id": "a", "title": "作業員", "description": "限男"}) + "\n")
    out = io.StringIO()
    call_command("check_ads", str(path), stdout=out)
    line = json.loads(out.getvalue().splitlines()[0])
    assert line["id"] == "a"
    assert line["findings"][0]["ground"] == "sex"
