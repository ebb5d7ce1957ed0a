"""Traditional Chinese by default; English available through Django i18n."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_default_is_traditional_chinese(client):
    body = client.get(reverse("accounts:login")).content.decode()
    assert "登入 jobdesk" in body


def test_english_on_request(client, personas):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("accounts:login")).content.decode()
    assert "Log in to jobdesk" in body
    assert 'lang="en"' in body
    client.force_login(personas["alice"])
    body = client.get(reverse("home")).content.decode()
    assert "Hello, Alice" in body
    assert "Outreach &amp; assessment" in body


def test_switching_language_is_a_post(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
