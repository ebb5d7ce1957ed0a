"""The API's rules, one by one: optimistic locking (ETag / If-Match / version, 412 and 428),
validation errors as zh-Hant JSON by field, the access log and the caseload reason, cursor
pagination, the UI's filters, and vacancies as JobPosting and in 台灣就業通 fields."""

from __future__ import annotations

import pytest

from jobdesk.audit.models import AccessEvent
from jobdesk.cases.models import JobSeeker
from jobdesk.employers.selectors import VacancyFilter, filtered_vacancies
from tests.api.conftest import reason
from tests.matching.factories import make_seeker, make_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_api(personas, token_for):
    return token_for(personas["alice"])


def _url(seeker):
    return f"/api/v1/seekers/{seeker.public_id}/"


# -- optimistic locking ------------------------------------------------------------------------
def test_a_read_gives_the_version_as_etag(alice_api, w):
    response = alice_api.get(_url(w["seeker"]))
    assert response.status_code == 200
    assert response["ETag"] == f'"{w["seeker"].version}"'
    assert response.json()["version"] == w["seeker"].version


def test_a_write_without_a_version_is_refused_428(alice_api, w):
    response = alice_api.patch(_url(w["seeker"]), {"phone": "02-1234-5678"})
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    assert JobSeeker.objects.get(pk=w["seeker"].pk).phone == "0912-345-678"


def test_a_stale_if_match_is_refused_412_and_saves_nothing(alice_api, w):
    etag = alice_api.get(_url(w["seeker"]))["ETag"]
    assert alice_api.patch(_url(w["seeker"]), {"phone": "1"}, {"If-Match": etag}).status_code == 200
    # when: a second writer still holds the first ETag
    response = alice_api.patch(_url(w["seeker"]), {"phone": "2"}, {"If-Match": etag})
    # then
    assert response.status_code == 412
    assert "已被其他人修改" in response.json()["detail"]
    assert JobSeeker.objects.get(pk=w["seeker"].pk).phone == "1"


def test_the_version_may_travel_in_the_body(alice_api, w):
    seeker = w["seeker"]
    response = alice_api.patch(_url(seeker), {"phone": "3", "version": seeker.version})
    assert response.status_code == 200
    assert response.json()["version"] == seeker.version + 1
    assert response["ETag"] == f'"{seeker.version + 1}"'
    stale = alice_api.patch(_url(seeker), {"phone": "4", "version": seeker.version})
    assert stale.status_code == 412


def test_the_service_refuses_a_race_the_view_did_not_see(alice_api, w, monkeypatch):
    """If-Match is checked in the view and again, atomically, by the service."""
    from jobdesk.api import views

    seeker = w["seeker"]
    monkeypatch.setattr(views.seekers, "expected_version", lambda request, obj: obj.version - 1)
    response = alice_api.patch(_url(seeker), {"phone": "5"})
    assert response.status_code == 412
    assert JobSeeker.objects.get(pk=seeker.pk).phone == "0912-345-678"


# -- validation errors -------------------------------------------------------------------------
def test_service_errors_come_back_by_field_in_chinese(alice_api, reference_data):
    body = {"name": "林", "township": "新北市三重區", "notice_method": "paper"}
    response = alice_api.post("/api/v1/seekers/", body | {"national_id": "A123456780"})
    assert response.status_code == 400
    assert response.json() == {"national_id": ["檢查碼不符，請再核對一次證號。"]}


def test_serializer_errors_are_in_chinese_too(alice_api, reference_data):
    response = alice_api.post("/api/v1/seekers/", {"township": "不存在區"})
    assert response.status_code == 400
    errors = response.json()
    assert {"name", "national_id", "notice_method", "township"} <= set(errors)
    assert all(
        any("\u4e00" <= ch <= "\u9fff" for ch in msg) for msgs in errors.values() for msg in msgs
    )


def test_a_whole_request_error_is_non_field_errors(alice_api, w):
    from jobdesk.matching.services import recommend

    recommend(actor=w["case"].counsellor, seeker=w["seeker"], vacancy=w["vacancy"], consent=True)
    body = {"seeker": str(w["seeker"].public_id), "vacancy": str(w["vacancy"].public_id)}
    again = alice_api.post("/api/v1/recommendations/", body | {"consent": True})
    assert again.status_code == 400
    assert again.json()["non_field_errors"] == ["這位求職者已推介到這個職缺，推介仍在進行中。"]
    no_consent = alice_api.post("/api/v1/recommendations/", body | {"consent": False})
    assert "就業服務法第9條" in no_consent.json()["consent"][0]


# -- personal data: the access log, the caseload reason --------------------------------------
def test_reading_a_seeker_writes_the_access_log(alice_api, w, personas):
    before = AccessEvent.objects.count()
    assert alice_api.get(_url(w["seeker"])).status_code == 200
    event = AccessEvent.objects.order_by("-id").first()
    assert AccessEvent.objects.count() == before + 1
    assert event.actor == personas["alice"]
    assert event.subject_id == str(w["seeker"].public_id)
    assert "API" in event.what


def test_a_list_logs_each_seeker_shown(alice_api, w, personas):
    make_seeker(personas["bob"], name="吳建國")
    before = AccessEvent.objects.count()
    response = alice_api.get("/api/v1/seekers/")
    assert len(response.json()["results"]) == 2
    assert AccessEvent.objects.count() == before + 2


def test_outside_the_caseload_a_counsellor_states_a_reason(personas, token_for, w):
    bob = token_for(personas["bob"])  # not the counsellor of w's case
    refused = bob.get(_url(w["seeker"]))
    assert refused.status_code == 403
    assert "X-Access-Reason" in refused.json()["detail"]
    assert not AccessEvent.objects.filter(actor=personas["bob"]).exists()
    allowed = bob.get(_url(w["seeker"]), headers=reason("代理 alice 處理來電"))
    assert allowed.status_code == 200
    event = AccessEvent.objects.get(actor=personas["bob"])
    assert event.outside_caseload
    assert event.reason == "代理 alice 處理來電"


# -- cursor pagination, filters shared with the UI ---------------------------------------------
def test_cursor_pagination_walks_every_row_once(alice_api, personas, reference_data):
    made = {str(make_seeker(personas["alice"], name=f"測試{i}").public_id) for i in range(5)}
    seen, url, pages = [], "/api/v1/seekers/?page_size=2", 0
    while url:
        page = alice_api.client.get(url, headers=alice_api._headers(None)).json()
        seen += [row["id"] for row in page["results"]]
        url, pages = page["next"], pages + 1
    assert pages == 3
    assert sorted(seen) == sorted(made)


def test_vacancy_filters_are_the_ui_form(personas, token_for, w):
    oscar = token_for(personas["oscar"])
    make_vacancy(personas["oscar"], w["employer"], open_it=False, title="會計助理")
    response = oscar.get("/api/v1/vacancies/", status="draft", q="會計")
    ui = filtered_vacancies(personas["oscar"], VacancyFilter(status="draft", q="會計"))
    assert [r["id"] for r in response.json()["results"]] == [str(v.public_id) for v in ui]
    bad = oscar.get("/api/v1/vacancies/", occupation="x")
    assert bad.status_code == 400
    assert bad.json() == {"occupation": ["職業代碼須為 1 到 4 位數字。"]}


# -- interoperability ----------------------------------------------------------------------------
def test_a_vacancy_as_schema_org_jobposting(alice_api, w):
    response = alice_api.get(f"/api/v1/vacancies/{w['vacancy'].public_id}/jobposting/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    doc = response.json()
    assert doc["@context"] == "https://schema.org"
    assert doc["@type"] == "JobPosting"
    assert doc["occupationalCategory"]["codeValue"] == "9330"
    assert "第6次修訂" in doc["occupationalCategory"]["inCodeSet"]["name"]
    assert doc["hiringOrganization"]["name"] == w["employer"].name
    assert doc["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "MONTH",
        "minValue": 32000,
        "maxValue": 36000,
    }
    assert doc["jobLocation"]["address"]["addressLocality"] == "三重區"


def test_a_taiwanjobs_row_imports_back_to_the_same_vacancy(personas, token_for, w):
    from jobdesk.employers.importing.mapping import Lookups, map_taiwanjobs
    from jobdesk.employers.importing.readers import TAIWANJOBS_FIELDS, RawRow
    from jobdesk.employers.services import create_vacancy

    # given a vacancy that came from 台灣就業通
    url = "https://job.taiwanjobs.gov.tw/Internet/jobwanted/JobDetail.aspx?EMPLOYER_ID=7&HIRE_ID=13327969"
    vacancy = create_vacancy(
        actor=personas["oscar"],
        employer=w["employer"],
        values={
            "title": "理貨員",
            "description": "理貨與包裝",
            "headcount": 3,
            "township": w["vacancy"].township,
            "pay_basis": "monthly",
            "pay_min": 31000,
            "pay_max": 35000,
            "shifts": ["day"],
            "experience_years": 1,
            "opens_on": w["vacancy"].opens_on,
            "closes_on": w["vacancy"].closes_on,
        },
        source="taiwanjobs",
        source_id="13327969",
        source_url=url,
    )
    # when
    row = token_for(personas["oscar"]).get(f"/api/v1/vacancies/{vacancy.public_id}/taiwanjobs/")
    # then
    fields = row.json()
    assert set(fields) == set(TAIWANJOBS_FIELDS)
    back = map_taiwanjobs(RawRow(1, fields), Lookups())
    assert back.errors == []
    assert back.source_id == "13327969"
    assert back.employer_name == w["employer"].name
    for name in (
        "title",
        "description",
        "headcount",
        "township",
        "pay_basis",
        "pay_min",
        "pay_max",
    ):
        assert back.values[name] == getattr(vacancy, name), name
    assert back.values["opens_on"] == vacancy.opens_on
    assert back.values["closes_on"] == vacancy.closes_on
    assert back.values["experience_years"] == 1
    assert back.values["shifts"] == ["day"]
    assert back.values["source_url"] == url


def test_the_taiwanjobs_list_uses_the_same_filters(personas, token_for, w):
    response = token_for(personas["oscar"]).get("/api/v1/vacancies/taiwanjobs/", q="倉儲")
    rows = response.json()["results"]
    assert [r["OCCU_DESC"] for r in rows] == ["倉儲理貨員"]


def test_a_reference_with_nul_is_a_400_not_a_500(personas, token_for, w):
    """Found by schemathesis on PostgreSQL: a township name holding NUL reached the lookup."""
    oscar = token_for(personas["oscar"])
    employer = w["employer"]
    response = oscar.patch(
        f"/api/v1/employers/{employer.public_id}/",
        {"township": "\x00新北市三重區"},
        headers={"If-Match": f'"{employer.version}"'},
    )
    assert response.status_code == 400
    assert "township" in response.json()
