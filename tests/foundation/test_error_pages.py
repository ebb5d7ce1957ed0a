"""403, 404 and 500 are pages of the app in Traditional Chinese; while the database is down the
user gets a 503 page that says the data is safe and to retry; staff pages are never cached."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False)
def test_404_is_the_apps_page_in_chinese(client_for, personas):
    response = client_for(personas["alice"]).get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "找不到這個頁面" in body
    assert "jobdesk" in body


def test_403_is_the_apps_page_in_chinese(client_for, personas):
    # a counsellor opening the supervisor's closure queue
    response = client_for(personas["alice"]).get(reverse("cases:closures_pending"))
    assert response.status_code == 403
    assert "沒有權限" in response.content.decode()


@override_settings(ROOT_URLCONF="tests.testapp.urls")
def test_500_is_the_apps_page_in_chinese(personas):
    client = Client(raise_request_exception=False)
    client.force_login(personas["alice"])
    response = client.get("/test/broken/")
    assert response.status_code == 500
    assert "系統發生錯誤" in response.content.decode()


@override_settings(ROOT_URLCONF="tests.testapp.urls")
def test_a_view_without_its_database_answers_503_that_the_data_is_safe(personas):
    client = Client(raise_request_exception=False)
    client.force_login(personas["alice"])
    response = client.get("/test/database-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "資料都安全保存" in body
    assert "再試一次" in body


@override_settings(ROOT_URLCONF="tests.testapp.urls", DEBUG=False)
def test_a_database_outage_before_the_view_gets_the_same_page(personas, monkeypatch):
    # given: signed in, then the database goes away (the session cannot be read)
    client = Client(raise_request_exception=False)
    client.force_login(personas["alice"])

    def down(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "load", down)
    # when
    response = client.get(reverse("cases:caseload"))
    # then
    assert response.status_code == 503
    assert "資料庫暫時無法連線" in response.content.decode()


def test_staff_pages_are_not_stored_by_browsers_or_proxies(client_for, personas):
    response = client_for(personas["alice"]).get(reverse("cases:caseload"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_page_without_personal_data_for_a_visitor_is_left_alone():
    response = Client().get(reverse("healthz"))
    assert "no-store" not in response.get("Cache-Control", "")
